import Foundation
import GovWatchCore

/// The embedded demo: a small portal of 阿尔山市人民政府 with four units, six columns in the
/// three info-table markups (some pages GBK), TRS pagination, unit guides, catalogues and
/// annual reports, and two WeChat exports (RSS and the platform's JSON).
///
/// It plants these problems for the rules to find (as of 2026-11-20):
/// - 政策文件 `t20261020_3003`: 成文 2026-09-01, 发布 2026-10-20 — later than 20 working days;
/// - 政策文件 `t20261009_3004` (阿政发〔2026〕15号): no interpretation at all;
/// - 政策文件 `t20261012_3005` and its 政策解读 `t20261013_3102`: the document does not link back;
/// - 政策解读 `t20260930_3103`: missing from 市政府办公室's 信息公开目录;
/// - 阿市要闻 `t20261105_1006`: marked 转载 with an empty 来源;
/// - 阿市要闻 `t20261110_1004`: not in the approval register; 新城街道 `t20261111_5002`: approved
///   after it was published;
/// - 五岔沟镇通知公告 `t20261103_4003` (GBK): a full resident ID number;
/// - 教育局通知公告: nothing since 2026-03-02;
/// - 新城街道's 信息公开指南: last updated 2024-06-01;
/// - 五岔沟镇's 2025 annual report: a malformed title and a missing section;
/// - the 五岔沟镇 WeChat account: nothing since 2026-10-01.
///
/// Thirteen findings in all; `DemoTests` keeps this list and the rules in step.
public enum DemoPortal {
    /// The day the demo is evaluated on, so that its findings never drift with the clock.
    public static let asOf = "2026-11-20"

    /// The approval register (审批台账) of the demo's publications since 2026-11-01, for a
    /// site at `origin`: every page but one, and one approved the day after it went online.
    public static func approvalRegister(origin: String = "http://127.0.0.1:8780") -> String {
        let rows: [(String, String, String, String)] = [
            ("/xwzx/asyw/202611/t20261118_1001.html", "阿尔山市召开冬季旅游工作推进会", "阿尔山市人民政府办公室", "2026-11-18"),
            ("/xwzx/asyw/202611/t20261116_1002.html", "市领导调研冰雪产业发展工作", "阿尔山市人民政府办公室", "2026-11-16"),
            ("/xwzx/asyw/202611/t20261112_1003.html", "我市开展安全生产大检查", "阿尔山市人民政府办公室", "2026-11-12"),
            ("/xwzx/asyw/202611/t20261108_1005.html", "我市举办政务公开业务培训", "阿尔山市人民政府办公室", "2026-11-07"),
            ("/xwzx/asyw/202611/t20261105_1006.html", "兴安盟推进冰雪经济高质量发展", "阿尔山市人民政府办公室", "2026-11-05"),
            ("/xwzx/asyw/202611/t20261102_1007.html", "阿尔山市完成秋季造林任务", "阿尔山市人民政府办公室", "2026-11-02"),
            ("/xzjd/wcgz/tzgg/202611/t20261112_4001.html", "五岔沟镇关于开展冬季森林防火宣传的通知", "阿尔山市五岔沟镇人民政府", "2026-11-11"),
            ("/xzjd/wcgz/tzgg/202611/t20261106_4002.html", "五岔沟镇2026年草原生态补奖资金发放公示", "阿尔山市五岔沟镇人民政府", "2026-11-05"),
            ("/xzjd/wcgz/tzgg/202611/t20261103_4003.html", "五岔沟镇关于低保申请人员名单的公示", "阿尔山市五岔沟镇人民政府", "2026-11-02"),
            ("/xzjd/xhjd/gzdt/202611/t20261117_5001.html", "新城街道开展冬季供暖入户走访", "阿尔山市新城街道办事处", "2026-11-17"),
            ("/xzjd/xhjd/gzdt/202611/t20261111_5002.html", "新城街道组织社区网格员业务培训", "阿尔山市新城街道办事处", "2026-11-12"),
        ]
        return ApprovalCSV.header + "\n" + rows.map { path, title, unit, date in
            "\(origin)\(path),\(title),\(unit),信息员审核,\(date),分管领导,\(date),主动公开,否,"
        }.joined(separator: "\n") + "\n"
    }

    /// Every page of the site, by path.
    public static func pages() -> [String: SitePage] {
        var site: [String: SitePage] = [:]
        func html(_ path: String, _ text: String, gbk: Bool = false) {
            site[path] = SitePage(
                body: gbk ? GBK.encode(text) : Array(text.utf8),
                contentType: gbk ? "text/html" : "text/html; charset=utf-8")
        }
        func listing(
            _ dir: String, _ column: String, _ items: [(String, String, String)], perPage: Int = 4,
            trsOnly: Bool = false, gbk: Bool = false
        ) {
            let pageCount = max(1, (items.count + perPage - 1) / perPage)
            for p in 0..<pageCount {
                let chunk = items.dropFirst(p * perPage).prefix(perPage).map { (url: $0.0, title: $0.1, date: $0.2) }
                let name = p == 0 ? "index.html" : "index_\(p).html"
                html(
                    dir + name,
                    PageTemplates.listing(
                        column: column, entries: Array(chunk), page: p, pageCount: pageCount, trsOnly: trsOnly,
                        charset: gbk ? "gbk" : "utf-8"), gbk: gbk)
            }
        }

        // 阿市要闻 (news, 市政府办公室): pagination announced only by createPageHTML.
        let news: [(String, String, String, String)] = [
            ("1001", "2026-11-18", "阿尔山市召开冬季旅游工作推进会", "阿尔山市人民政府办公室"),
            ("1002", "2026-11-16", "市领导调研冰雪产业发展工作", "阿尔山市人民政府办公室"),
            ("1003", "2026-11-12", "我市开展安全生产大检查", "阿尔山市应急管理局"),
            ("1004", "2026-11-10", "阿尔山市推进政务服务一网通办", "阿尔山市人民政府办公室"),
            ("1005", "2026-11-08", "我市举办政务公开业务培训", "阿尔山市人民政府办公室"),
            ("1006", "2026-11-05", "兴安盟推进冰雪经济高质量发展", ""),
            ("1007", "2026-11-02", "阿尔山市完成秋季造林任务", "阿尔山市人民政府办公室"),
        ]
        for (id, date, title, source) in news {
            let repost = id == "1006"
            html(
                DemoDates.articlePath("/xwzx/asyw/", month: "202611", date: date, id: id),
                PageTemplates.article(
                    title: title, column: "阿市要闻", pubDate: "\(date) 09:30", source: source,
                    paragraphs: (repost ? ["转载"] : []) + [
                        "\(title)。会议强调，要深入贯彻落实市委市政府工作部署，压实工作责任，确保各项任务落到实处。",
                        "联系电话：0482-7122345。",
                    ]))
        }
        listing(
            "/xwzx/asyw/", "阿市要闻",
            news.map { (DemoDates.articlePath("/xwzx/asyw/", month: "202611", date: $0.1, id: $0.0), $0.2, $0.1) },
            perPage: 3, trsOnly: true)

        // 政策文件 and 政策解读 (市政府办公室), info table as <table>.
        struct Policy {
            var id, written, published, number, title: String
            var interpretation: String?
            var linksBack: Bool
        }
        let policies = [
            Policy(id: "3001", written: "2026-10-26", published: "2026-10-28", number: "阿政发〔2026〕12号",
                   title: "阿尔山市人民政府关于印发阿尔山市冰雪旅游发展三年行动方案的通知", interpretation: "3101", linksBack: true),
            Policy(id: "3002", written: "2026-09-25", published: "2026-09-29", number: "阿政办发〔2026〕8号",
                   title: "阿尔山市人民政府办公室关于进一步优化营商环境的若干措施", interpretation: "3103", linksBack: true),
            Policy(id: "3003", written: "2026-09-01", published: "2026-10-20", number: "阿政办发〔2026〕9号",
                   title: "阿尔山市人民政府办公室关于加强城乡供水管理的通知", interpretation: "3104", linksBack: true),
            Policy(id: "3004", written: "2026-10-07", published: "2026-10-09", number: "阿政发〔2026〕15号",
                   title: "阿尔山市人民政府关于印发阿尔山市林草防火管理办法的通知", interpretation: nil, linksBack: true),
            Policy(id: "3005", written: "2026-10-10", published: "2026-10-12", number: "阿政发〔2026〕16号",
                   title: "阿尔山市人民政府关于实施农牧民就业创业扶持政策的意见", interpretation: "3102", linksBack: false),
        ]
        func policyURL(_ p: Policy) -> String {
            DemoDates.articlePath("/zwgk/zcwj/", month: "202610", date: p.published, id: p.id)
        }
        var interpretations: [(String, String, String)] = []
        for p in policies {
            var links: [(String, String)] = []
            if let jd = p.interpretation {
                let jdDate = DemoDates.addingDays(p.published, 1)
                let url = DemoDates.articlePath("/zwgk/zcjd/", month: "202610", date: jdDate, id: jd)
                if p.linksBack { links.append((url, "相关解读：《\(p.title)》政策解读")) }
                interpretations.append((url, "《\(p.title)》政策解读", jdDate))
                html(
                    url,
                    PageTemplates.article(
                        title: "《\(p.title)》政策解读", column: "政策解读", pubDate: "\(jdDate) 10:00",
                        source: "阿尔山市人民政府办公室",
                        info: [("索引号", "115222000115220201/2026-00\(jd)"), ("发布机构", "阿尔山市人民政府办公室"),
                               ("成文日期", jdDate), ("发布日期", jdDate)],
                        paragraphs: ["一、制定背景。为贯彻落实有关要求，制定本文件。", "二、主要内容。本文件共分五个部分。"],
                        links: [(policyURL(p), "相关文件：\(p.title)")]))
            }
            html(
                policyURL(p),
                PageTemplates.article(
                    title: p.title, column: "政策文件", pubDate: "\(p.published) 09:00", source: "阿尔山市人民政府办公室",
                    info: [("索引号", "115222000115220201/2026-00\(p.id)"), ("发布机构", "阿尔山市人民政府办公室"),
                           ("成文日期", DemoDates.chinese(p.written)), ("发布日期", DemoDates.chinese(p.published)),
                           ("文号", p.number), ("有效性", "有效")],
                    paragraphs: ["各镇人民政府、街道办事处，市直各有关单位：", "现将有关事项通知如下。", "本办法自印发之日起施行。"],
                    links: links))
        }
        listing("/zwgk/zcwj/", "政策文件", policies.map { (policyURL($0), $0.title, $0.published) })
        listing("/zwgk/zcjd/", "政策解读", interpretations.sorted { $0.2 > $1.2 })

        // 五岔沟镇通知公告 (notice), GBK pages, info table as <p><strong>.
        let wcgz: [(String, String, String, String)] = [
            ("4001", "2026-11-12", "五岔沟镇关于开展冬季森林防火宣传的通知", "五岔沟镇人民政府"),
            ("4002", "2026-11-06", "五岔沟镇2026年草原生态补奖资金发放公示", "阿尔山市五岔沟镇人民政府"),
            ("4003", "2026-11-03", "五岔沟镇关于低保申请人员名单的公示", "阿尔山市五岔沟镇人民政府"),
        ]
        for (id, date, title, publisher) in wcgz {
            var paragraphs = ["\(title)。请广大群众相互转告。", "监督电话：0482-7312001。"]
            if id == "4003" { paragraphs.append("申请人：王某某，身份证号：152202198503172010，家庭人口3人。") }
            html(
                DemoDates.articlePath("/xzjd/wcgz/tzgg/", month: "202611", date: date, id: id),
                PageTemplates.article(
                    title: title, column: "五岔沟镇通知公告", pubDate: "\(date) 08:30", source: publisher,
                    info: [("信息索引号", "11522200MB1234567X/2026-0\(id)"), ("发布机构", publisher),
                           ("生成日期", date), ("公开日期", date)],
                    markup: .strongParagraphs, paragraphs: paragraphs, charset: "gbk"), gbk: true)
        }
        listing(
            "/xzjd/wcgz/tzgg/", "五岔沟镇通知公告",
            wcgz.map { (DemoDates.articlePath("/xzjd/wcgz/tzgg/", month: "202611", date: $0.1, id: $0.0), $0.2, $0.1) },
            gbk: true)

        // 新城街道工作动态 (news), info table as <ul><li><span>.
        let xhjd: [(String, String, String)] = [
            ("5001", "2026-11-17", "新城街道开展冬季供暖入户走访"),
            ("5002", "2026-11-11", "新城街道组织社区网格员业务培训"),
        ]
        for (id, date, title) in xhjd {
            html(
                DemoDates.articlePath("/xzjd/xhjd/gzdt/", month: "202611", date: date, id: id),
                PageTemplates.article(
                    title: title, column: "新城街道工作动态", pubDate: DemoDates.chinese(date), source: "阿尔山市新城街道办事处",
                    info: [("索引号", "11522200MB7654321Y/2026-0\(id)"), ("发布机构", "阿尔山市新城街道办事处"),
                           ("成文日期", DemoDates.chinese(date)), ("发布日期", DemoDates.chinese(date))],
                    markup: .spanList, paragraphs: ["\(title)，切实解决群众急难愁盼问题。"]))
        }
        listing(
            "/xzjd/xhjd/gzdt/", "新城街道工作动态",
            xhjd.map { (DemoDates.articlePath("/xzjd/xhjd/gzdt/", month: "202611", date: $0.1, id: $0.0), $0.2, $0.1) })

        // 教育局通知公告 (notice): stale since March.
        let jyj: [(String, String, String)] = [
            ("6001", "2026-03-02", "阿尔山市教育局关于2026年春季学期开学工作的通知"),
            ("6002", "2026-01-15", "阿尔山市教育局关于寒假安全工作的通知"),
        ]
        for (id, date, title) in jyj {
            html(
                DemoDates.articlePath("/bmxx/jyj/tzgg/", month: "202603", date: date, id: id),
                PageTemplates.article(
                    title: title, column: "教育局通知公告", pubDate: "\(date) 16:00", source: "阿尔山市教育局",
                    info: [("索引号", "11522200011522021J/2026-0\(id)"), ("发布机构", "阿尔山市教育局"),
                           ("成文日期", date), ("发布日期", date)],
                    paragraphs: ["各中小学校：", "\(title)，请认真贯彻执行。"]))
        }
        listing(
            "/bmxx/jyj/tzgg/", "教育局通知公告",
            jyj.map { (DemoDates.articlePath("/bmxx/jyj/tzgg/", month: "202603", date: $0.1, id: $0.0), $0.2, $0.1) })

        // Unit guides, catalogues and annual reports.
        let units: [(id: String, full: String, guideDate: String)] = [
            ("szfb", "阿尔山市人民政府办公室", "2026-02-10"), ("wcgz", "阿尔山市五岔沟镇人民政府", "2026-01-20"),
            ("xhjd", "阿尔山市新城街道办事处", "2024-06-01"), ("jyj", "阿尔山市教育局", "2026-03-15"),
        ]
        for u in units {
            html(
                "/zwgk/xxgkzn/\(u.id)/index.html",
                PageTemplates.plain(
                    title: "\(u.full)政府信息公开指南", pubDate: "\(u.guideDate) 09:00",
                    inner: "<p>一、主动公开。</p><p>二、依申请公开。</p><p>三、监督方式。</p>"))
        }
        // The catalogue lists every document and interpretation but one (3103).
        listing(
            "/zwgk/xxgkml/szfb/", "市政府办公室信息公开目录",
            policies.map { (policyURL($0), $0.title, $0.published) } + interpretations.filter { !$0.0.hasSuffix("_3103.html") })
        let sections = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
                        "政府信息公开工作存在的主要问题及改进情况", "其他需要报告的事项"]
        let reports: [(unit: String, title: String, date: String, sections: [String])] = [
            ("szfb", "阿尔山市人民政府办公室2025年政府信息公开工作年度报告", "2026-02-12", sections),
            ("wcgz", "五岔沟镇2025年度信息公开报告", "2026-01-28", Array(sections.dropLast())),
            ("xhjd", "阿尔山市新城街道办事处2025年政府信息公开工作年度报告", "2026-01-26", sections),
        ]
        for r in reports {
            let url = "/zwgk/ndbg/\(r.unit)/t\(r.date.replacingOccurrences(of: "-", with: ""))_ndbg.html"
            let body = r.sections.enumerated().map { "<p>（\(["一", "二", "三", "四", "五", "六"][$0.offset])）\($0.element)</p><p>内容从略。</p>" }
            html(url, PageTemplates.plain(title: r.title, pubDate: "\(r.date) 09:00", inner: body.joined()))
            listing("/zwgk/ndbg/\(r.unit)/", "年度报告", [(url, r.title, r.date)])
        }

        // Homepage and footer page.
        let latest = (news.prefix(4).map { (DemoDates.articlePath("/xwzx/asyw/", month: "202611", date: $0.1, id: $0.0), $0.2, $0.1) })
        html(
            "/index.html",
            PageTemplates.listing(column: "阿尔山市人民政府", entries: latest.map { (url: $0.0, title: $0.1, date: $0.2) }, page: 0, pageCount: 1))
        html("/lxwm/index.html", PageTemplates.plain(title: "联系我们", pubDate: nil, inner: "<p>电话：0482-7122345</p>"))

        // WeChat exports.
        site["/feeds/wx-aes.xml"] = SitePage(body: Array(DemoFeeds.rss(news: news).utf8), contentType: "application/rss+xml; charset=utf-8")
        site["/feeds/wx-wcgz.json"] = SitePage(body: Array(DemoFeeds.wechatJSON().utf8), contentType: "application/json")
        return site
    }
}

/// The approval register's CSV header.
enum ApprovalCSV {
    static let header = "链接,标题,发布单位,审核人,审核日期,审批人,审批日期,保密审查意见,是否敏感,市政府办公室审批人"
}

/// Date helpers for the demo's fixed calendar.
enum DemoDates {
    /// `2026-10-09` → `2026年10月9日`.
    static func chinese(_ iso: String) -> String {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        return "\(p[0])年\(p[1])月\(p[2])日"
    }

    static func addingDays(_ iso: String, _ n: Int) -> String {
        CivilDate(iso: iso)!.adding(days: n).description
    }

    /// A TRS article path: `DIR` + `MONTH/tYYYYMMDD_ID.html`.
    static func articlePath(_ directory: String, month: String, date: String, id: String) -> String {
        "\(directory)\(month)/t\(date.replacingOccurrences(of: "-", with: ""))_\(id).html"
    }
}
