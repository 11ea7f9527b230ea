import Foundation
import GovWatchCore
import GovWatchReport
import GovWatchStore

/// Charts drawn on the server as SVG (no script): every label is escaped.
enum ConsoleCharts {
    static let width = 600.0
    static let height = 240.0
    static let margin = (left: 40.0, right: 10.0, top: 10.0, bottom: 30.0)
    /// Colours of the rules in the monthly chart, in turn.
    static let palette = ["#8b0000", "#0b57d0", "#9a6700", "#1a7f37", "#6f42c1", "#bf3989", "#0a7ea4", "#57606a"]

    /// The unit's score after each check day of `year`, on a 0–100 axis.
    static func scoreLine(_ points: [(CivilDate, Double)], year: Int) -> String {
        let plotW = width - margin.left - margin.right
        let plotH = height - margin.top - margin.bottom
        func x(_ d: CivilDate) -> Double {
            let start = CivilDate(year: year, month: 1, day: 1)!
            return margin.left + plotW * Double(d.daysSinceEpoch - start.daysSinceEpoch) / 365
        }
        func y(_ v: Double) -> Double { margin.top + plotH * (1 - max(0, min(100, v)) / 100) }
        var svg = open()
        for v in [0.0, 60, 85, 100] {
            svg += "<line x1=\"\(margin.left)\" y1=\"\(y(v))\" x2=\"\(width - margin.right)\" y2=\"\(y(v))\" stroke=\"#d1d9e0\"/>"
            svg += "<text x=\"\(margin.left - 4)\" y=\"\(y(v) + 4)\" text-anchor=\"end\" font-size=\"11\">\(Int(v))</text>"
        }
        for m in 1...12 {
            let d = CivilDate(year: year, month: m, day: 1)!
            svg += "<text x=\"\(x(d))\" y=\"\(height - 10)\" font-size=\"11\">\(m)月</text>"
        }
        if points.isEmpty {
            svg += "<text x=\"\(width / 2)\" y=\"\(height / 2)\" text-anchor=\"middle\" font-size=\"13\">本年度尚无检查</text>"
        } else {
            let path = points.map { "\(format(x($0.0))),\(format(y($0.1)))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"#8b0000\" stroke-width=\"2\" points=\"\(path)\"/>"
            for (d, v) in points {
                svg += "<circle cx=\"\(format(x(d)))\" cy=\"\(format(y(v)))\" r=\"3\" fill=\"#8b0000\"><title>\(d)：\(ConsoleFormat.points(v))分</title></circle>"
            }
        }
        return svg + "</svg>"
    }

    /// Findings first seen per month, stacked by rule, with a legend.
    static func monthlyBars(_ counts: [MonthlyCount]) -> String {
        let rules = Array(Set(counts.map(\.rule))).sorted()
        let colour = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1, palette[$0 % palette.count]) })
        let totals = Dictionary(grouping: counts, by: \.month).mapValues { $0.reduce(0) { $0 + $1.count } }
        let top = max(1, totals.values.max() ?? 1)
        let legendRows = Double((rules.count + 2) / 3)
        let chartH = height + 10 + legendRows * 16
        let plotW = width - margin.left - margin.right
        let plotH = height - margin.top - margin.bottom
        let slot = plotW / 12
        var svg = open(height: chartH)
        svg += "<text x=\"\(margin.left - 4)\" y=\"\(margin.top + 4)\" text-anchor=\"end\" font-size=\"11\">\(top)</text>"
        svg += "<text x=\"\(margin.left - 4)\" y=\"\(margin.top + plotH)\" text-anchor=\"end\" font-size=\"11\">0</text>"
        for m in 1...12 {
            var base = margin.top + plotH
            let x = margin.left + slot * Double(m - 1) + slot * 0.15
            for c in counts where c.month == m {
                let h = plotH * Double(c.count) / Double(top)
                base -= h
                svg += "<rect x=\"\(format(x))\" y=\"\(format(base))\" width=\"\(format(slot * 0.7))\" height=\"\(format(h))\" fill=\"\(colour[c.rule]!)\"><title>\(m)月 \(DocxWriter.escape(c.rule))：\(c.count)</title></rect>"
            }
            svg += "<text x=\"\(format(x))\" y=\"\(height - 10)\" font-size=\"11\">\(m)月</text>"
        }
        for (i, rule) in rules.enumerated() {
            let lx = margin.left + Double(i % 3) * 190
            let ly = height + 10 + Double(i / 3) * 16
            svg += "<rect x=\"\(lx)\" y=\"\(ly - 9)\" width=\"10\" height=\"10\" fill=\"\(colour[rule]!)\"/><text x=\"\(lx + 14)\" y=\"\(ly)\" font-size=\"11\">\(DocxWriter.escape(rule))</text>"
        }
        if counts.isEmpty {
            svg += "<text x=\"\(width / 2)\" y=\"\(height / 2)\" text-anchor=\"middle\" font-size=\"13\">本年度无新问题</text>"
        }
        return svg + "</svg>"
    }

    private static func open(height h: Double = height) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(h))\" role=\"img\">"
    }

    private static func format(_ v: Double) -> String { String(format: "%.1f", v) }
}
