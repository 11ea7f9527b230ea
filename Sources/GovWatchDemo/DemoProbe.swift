import Foundation

/// The demo's probe file, the same text as `Probes/demo/demo.yaml` (a test keeps them equal),
/// embedded so that `govwatch demo` needs nothing but the binary.
public enum DemoProbe {
    /// Writes the demo's probe (pointed at `origin`) and its registers into `directory`, as
    /// `demo.yaml`, `registers/approvals.csv` and `registers/requests.csv`; returns the probe file.
    @discardableResult
    public static func write(to directory: URL, origin: String) throws -> URL {
        let registers = directory.appendingPathComponent("registers")
        try FileManager.default.createDirectory(at: registers, withIntermediateDirectories: true)
        let probe = directory.appendingPathComponent("demo.yaml")
        try yaml.replacingOccurrences(of: "http://127.0.0.1:8780", with: origin).write(to: probe, atomically: true, encoding: .utf8)
        try DemoPortal.approvalRegister(origin: origin)
            .write(to: registers.appendingPathComponent("approvals.csv"), atomically: true, encoding: .utf8)
        try DemoRegisters.requests.write(to: registers.appendingPathComponent("requests.csv"), atomically: true, encoding: .utf8)
        return probe
    }

    public static let yaml = #"""
# The embedded demo portal of 阿尔山市人民政府 (served by `govwatch demo` on 127.0.0.1).
# `govwatch demo` rebases `base` and `hosts` onto the port it actually listens on.
probe:
  id: demo
  name: 阿尔山市人民政府门户网站（演示）
  base: http://127.0.0.1:8780/
  homepage: /index.html
  schedule: "0 7-22/2 * * *"

crawl:
  concurrency: 4
  timeout_seconds: 10

registers:
  approvals: registers/approvals.csv   # written by `govwatch demo` beside this file
  requests: registers/requests.csv     # 依申请公开 登记台账, CSV or .xlsx

rules:
  unapproved: { since: "2026-11-01" }   # the register covers publications from this day

units:
  - id: szfb
    name: 市政府办公室
    full_name: 阿尔山市人民政府办公室
    aliases: [阿尔山市人民政府]
    type: city
    guide: /zwgk/xxgkzn/szfb/index.html
    catalogue: /zwgk/xxgkml/szfb/
    annual_reports: /zwgk/ndbg/szfb/
  - id: wcgz
    name: 五岔沟镇
    full_name: 阿尔山市五岔沟镇人民政府
    aliases: [五岔沟镇人民政府]
    type: town
    guide: /zwgk/xxgkzn/wcgz/index.html
    annual_reports: /zwgk/ndbg/wcgz/
  - id: xhjd
    name: 新城街道
    full_name: 阿尔山市新城街道办事处
    type: street
    guide: /zwgk/xxgkzn/xhjd/index.html
    annual_reports: /zwgk/ndbg/xhjd/
  - id: jyj
    name: 市教育局
    full_name: 阿尔山市教育局
    type: department
    guide: /zwgk/xxgkzn/jyj/index.html

columns:
  - { url: /xwzx/asyw/, name: 阿市要闻, type: news, unit: szfb }
  - { url: /zwgk/zcwj/, name: 政策文件, type: policy, unit: szfb }
  - { url: /zwgk/zcjd/, name: 政策解读, type: interpretation, unit: szfb }
  - { url: /xzjd/wcgz/tzgg/, name: 五岔沟镇通知公告, type: notice, unit: wcgz }
  - { url: /xzjd/xhjd/gzdt/, name: 新城街道工作动态, type: news, unit: xhjd }
  - { url: /bmxx/jyj/tzgg/, name: 教育局通知公告, type: notice, unit: jyj }

feeds:
  - { url: /feeds/wx-aes.xml, format: rss, account: 阿尔山市人民政府, unit: szfb }
  - { url: /feeds/wx-wcgz.json, format: wechat-json, account: 五岔沟镇人民政府, unit: wcgz }

"""#
}
