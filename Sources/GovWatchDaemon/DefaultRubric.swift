/// The default rubric, the same text as `Probes/rubrics/arxan-2021.yaml` (a test keeps them
/// equal), embedded so that scoring needs nothing but the binary.
enum DefaultRubric {
    static let yaml = #"""
# 阿尔山市政府信息公开考核评定标准 (附件11 附件), the default rubric of `govwatch score`.
# Another city passes its own with --rubric FILE. Lines must add up to their category, and
# categories to 100. `rules` maps each rule id to the line it costs and the points per finding.
rubric:
  name: 阿尔山市政府信息公开考核评定标准
  fraud_points: [2, 5]        # 弄虚作假, off the total (附件11 第十二条)

categories:
  - name: 组织领导
    points: 15
    lines:
      - id: org-structure
        name: 领导机构和工作机构
        points: 3
        text: 建立健全政府信息公开工作领导机构和工作机构。第一责任人、具体负责人、责任单位和责任部门明确，有专人承办和经费保障。
        deduction: 工作机构不健全、部门责任不明确、无经费保障各扣1分
      - id: org-rules
        name: 工作制度
        points: 3
        text: 坚持和完善政府信息公开工作制度，包括主动公开、依申请公开、保密审查等制度。
        deduction: 有1项制度不落实扣1分
      - id: org-guide
        name: 目录指南
        points: 5
        text: 制订本单位政府信息公开工作实施细则，目录、指南、依申请公开办法明确，并及时更新。
        deduction: 1项不明确、不公开或未及时更新，1次扣1分
      - id: org-oversight
        name: 指导督查
        points: 4
        text: 对所属单位或部门开展政府信息公开工作有指导和督查。
        deduction: 在区级以上(含区级)考评中，所属单位被扣分的，有1个扣1分
  - name: 公开的内容
    points: 50
    lines:
      - id: content-timely
        name: 按目录及时更新
        points: 30
        text: 按公布的政府信息公开目录及时更新政府信息公开内容，做到公开内容全面真实、及时准确、重点突出、群众满意。
        deduction: 1项内容未按时公开扣1分；公开不应当公开的政府信息，1次扣3分
      - id: content-requests
        name: 依申请公开
        points: 20
        text: 根据公布的依申请公开办法及时办理个人和组织申请公开政府信息。
        deduction: 未按规定办理的，1次扣1分
  - name: 公开的形式
    points: 15
    lines:
      - id: form-catalogue
        name: 目录可查
        points: 7
        text: 应公开的政府信息均可通过政府网站部门信息公开目录中查看。
        deduction: 无专栏或网上公开内容更新不及时扣3分
      - id: form-office
        name: 公开栏
        points: 4
        text: 在机关办公场所或办事窗口以公开栏或触摸屏等方式公开办事指南，包括内设机构分布情况、工作职责、办事流程图。
        deduction: 1项内容未公开扣1分
      - id: form-channels
        name: 公开方式
        points: 4
        text: 充分运用新闻发布会、公告公报、新闻媒体、服务热线、电子显示屏、宣传册等便于群众知晓的方式公开政府信息。
        deduction: 其中1种公开方式都没有的扣3分
  - name: 监督管理
    points: 20
    lines:
      - id: supervision-report
        name: 年度报告
        points: 3
        text: 按要求上报政府信息公开工作年度报告和上级要求的有关材料。
        deduction: 1次未按时上报扣1分
      - id: supervision-oversight
        name: 接受监督
        points: 6
        text: 自觉接受人大、政协、监察部门和人民群众的监督。
        deduction: 投诉被查实的，1次扣1分；被申请行政复议或提起行政诉讼，被纠错或改判的，每次扣3分
      - id: supervision-accountability
        name: 责任追究
        points: 4
        text: 加强对所属单位和部门的政府信息公开工作过错的责任追究。
        deduction: 有过错未追究责任的，1次扣1分
      - id: supervision-fees
        name: 收费
        points: 3
        text: 依申请提供政府信息，除可以收取检索、复制、邮寄等成本费用外，不得收取其他费用，不得通过其他组织、个人以有偿服务方式提供政府信息。
        deduction: 违反规定收取费用的，1次扣1分
      - id: supervision-delivery
        name: 送交查阅场所
        points: 4
        text: 按规定向市政府网站、公报及设定的政府信息公开查阅场所送交政府信息公开，并及时更新。
        deduction: 未按规定送交或及时更新的，1次扣1分

rules:
  late-disclosure: { line: content-timely, points: 1 }
  interpretation-missing: { line: content-timely, points: 1 }
  interpretation-late: { line: content-timely, points: 1 }
  interpretation-link: { line: content-timely, points: 1 }
  unsourced-repost: { line: content-timely, points: 1 }
  unapproved:
    line: content-timely
    points: 1
    points_when:
      - { evidence: 保密审查意见, equals: 免于公开, points: 3 }
      - { evidence: 保密审查意见, equals: 需报审, points: 3 }
  leak: { line: content-timely, points: 3 }
  stale-guide: { line: org-guide, points: 1 }
  stale-catalogue: { line: form-catalogue, points: 3 }
  stale-column: { line: form-catalogue, points: 3 }
  annual-report: { line: supervision-report, points: 1 }
  site-unavailable: { line: form-channels, points: 1 }

"""#
}
