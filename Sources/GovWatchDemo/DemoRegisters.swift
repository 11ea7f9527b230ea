/// The demo's request register (依申请公开 登记台账), as an office keeps it in Excel and saves
/// it as CSV (`Probes/demo/registers/requests.csv` holds the same text). Its problems by the
/// shipped 2026 calendar: 2026-002 answered after its deadline (10 Oct, a make-up Saturday);
/// 2026-003 charged a 资料费; 2026-004 late, with an extension no one approved (one point for
/// both); 2026-005 reversed on review (纠错); 2026-006 a third party consulted on the 10th
/// working day. 2026-001 is on time; 2026-007 is not answered yet, due 24 November (on the
/// demo's day, 20 November, it is 申请即将到期, a 预警; after the 24th it is late).
public enum DemoRegisters {
    public static let requests = """
        申请编号,受理单位,收到日期,补正告知日期,补正收到日期,征求意见日期,意见答复日期,延期告知日期,延期批准人,答复日期,答复类型,收费金额,收费依据,复议结果,诉讼结果
        2026-001,市政府办公室,2026-09-01,,,,,,,2026-09-22,予以公开,,,,
        2026-002,市教育局,2026/9/7,,,,,,,2026/10/30,部分公开,,,,
        2026-003,五岔沟镇,2026年10月12日,,,,,,,2026年10月20日,予以公开,30,资料费,,
        2026-004,市政府办公室,2026-10-09,,,,,2026-10-30,,2026-11-20,予以公开,,,,
        2026-005,新城街道,2026-08-03,,,,,,,2026-08-20,不予公开,,,纠错,
        2026-006,市教育局,2026-09-14,,,2026-09-28,2026-10-09,,,2026-10-22,予以公开,10,复制、邮寄成本费,,
        2026-007,市政府办公室,2026-10-27,,,,,,,,,,,,

        """
}
