/// The templates govwatch ships (Mustache). An operator replaces any of them by putting a
/// file of the same name in the `templates` directory of the daemon config.
enum DefaultTemplates {
    static let all: [String: String] = [
        "digest.html": digestHTML, "digest.txt": digestText, "digest.md": digestMarkdown, "notice.html": noticeHTML,
        "report.html": reportHTML,
    ]

    /// Inline styles only: mail clients drop `<style>` blocks.
    static let digestHTML = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><title>{{title}} {{date}}</title></head>
        <body style="margin:0;padding:24px;background:#ffffff;color:#1f2328;font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;font-size:14px;line-height:1.6">
        <div style="max-width:960px;margin:0 auto">
        <h1 style="font-size:22px;margin:0 0 4px 0;color:#a40000">{{title}}</h1>
        <p style="margin:0 0 16px 0;color:#57606a">{{date}}{{#period}}　统计区间：{{period}}{{/period}}</p>
        {{#calendarNotice}}<p style="margin:0 0 16px 0;padding:8px 12px;background:#fff8c5;border:1px solid #d4a72c">{{calendarNotice}}</p>{{/calendarNotice}}
        {{#hasNational}}<p style="margin:0 0 16px 0;padding:8px 12px;border:1px solid #d0d7de">政府网站检查指标（国办秘函〔2019〕19号）：{{#national}}<br>{{.}}{{/national}}</p>{{/hasNational}}
        <table style="border-collapse:collapse;margin:0 0 20px 0" cellpadding="6">
        <tr>
        <td style="border:1px solid #d0d7de;background:#f6f8fa">新发现问题</td><td style="border:1px solid #d0d7de;font-weight:bold">{{newCount}}</td>
        <td style="border:1px solid #d0d7de;background:#f6f8fa">已整改</td><td style="border:1px solid #d0d7de;font-weight:bold">{{resolvedCount}}</td>
        <td style="border:1px solid #d0d7de;background:#f6f8fa">即将到期通知</td><td style="border:1px solid #d0d7de;font-weight:bold">{{dueSoonCount}}</td>
        <td style="border:1px solid #d0d7de;background:#f6f8fa">逾期未整改</td><td style="border:1px solid #d0d7de;font-weight:bold;color:#a40000">{{overdueCount}}</td>
        </tr>
        </table>

        <h2 style="font-size:17px;border-bottom:2px solid #a40000;padding-bottom:4px">一、新发现问题</h2>
        {{^newByUnit}}<p>本期未发现新问题。</p>{{/newByUnit}}
        {{#newByUnit}}
        <h3 style="font-size:15px;margin:14px 0 6px 0">{{unit}}（{{count}}个）</h3>
        <table style="border-collapse:collapse;width:100%" cellpadding="5">
        <tr style="background:#f6f8fa"><th style="border:1px solid #d0d7de;text-align:left;width:48px">级别</th><th style="border:1px solid #d0d7de;text-align:left">问题</th><th style="border:1px solid #d0d7de;text-align:left;width:150px">依据</th><th style="border:1px solid #d0d7de;text-align:left;width:90px">发现日期</th></tr>
        {{#items}}
        <tr><td style="border:1px solid #d0d7de">{{severity}}</td><td style="border:1px solid #d0d7de">{{description}}<br><a href="{{url}}" style="color:#0969da;font-size:12px;word-break:break-all">{{url}}</a></td><td style="border:1px solid #d0d7de">{{clause}}</td><td style="border:1px solid #d0d7de">{{firstSeen}}</td></tr>
        {{/items}}
        </table>
        {{/newByUnit}}

        <h2 style="font-size:17px;border-bottom:2px solid #a40000;padding-bottom:4px">二、逾期未整改（通报批评）</h2>
        {{^overdue}}<p>无。</p>{{/overdue}}
        {{#hasOverdue}}
        <table style="border-collapse:collapse;width:100%" cellpadding="5">
        <tr style="background:#f6f8fa"><th style="border:1px solid #d0d7de;text-align:left">通知书</th><th style="border:1px solid #d0d7de;text-align:left">单位</th><th style="border:1px solid #d0d7de;text-align:left">整改期限</th><th style="border:1px solid #d0d7de;text-align:left">未整改问题</th><th style="border:1px solid #d0d7de;text-align:left">书面报告</th></tr>
        {{#overdue}}<tr><td style="border:1px solid #d0d7de">{{number}}</td><td style="border:1px solid #d0d7de">{{unit}}</td><td style="border:1px solid #d0d7de;color:#a40000">{{deadline}}</td><td style="border:1px solid #d0d7de">{{openItems}}</td><td style="border:1px solid #d0d7de">{{report}}</td></tr>
        {{/overdue}}
        </table>
        {{/hasOverdue}}

        <h2 style="font-size:17px;border-bottom:2px solid #a40000;padding-bottom:4px">三、3个工作日内到期的整改通知</h2>
        {{^dueSoon}}<p>无。</p>{{/dueSoon}}
        {{#hasDueSoon}}
        <table style="border-collapse:collapse;width:100%" cellpadding="5">
        <tr style="background:#f6f8fa"><th style="border:1px solid #d0d7de;text-align:left">通知书</th><th style="border:1px solid #d0d7de;text-align:left">单位</th><th style="border:1px solid #d0d7de;text-align:left">整改期限</th><th style="border:1px solid #d0d7de;text-align:left">剩余工作日</th><th style="border:1px solid #d0d7de;text-align:left">未整改问题</th><th style="border:1px solid #d0d7de;text-align:left">书面报告</th></tr>
        {{#dueSoon}}<tr><td style="border:1px solid #d0d7de">{{number}}</td><td style="border:1px solid #d0d7de">{{unit}}</td><td style="border:1px solid #d0d7de">{{deadline}}</td><td style="border:1px solid #d0d7de">{{daysLeft}}</td><td style="border:1px solid #d0d7de">{{openItems}}</td><td style="border:1px solid #d0d7de">{{report}}</td></tr>
        {{/dueSoon}}
        </table>
        {{/hasDueSoon}}

        <h2 style="font-size:17px;border-bottom:2px solid #a40000;padding-bottom:4px">四、已整改问题</h2>
        {{^resolved}}<p>无。</p>{{/resolved}}
        {{#hasResolved}}
        <table style="border-collapse:collapse;width:100%" cellpadding="5">
        <tr style="background:#f6f8fa"><th style="border:1px solid #d0d7de;text-align:left">单位</th><th style="border:1px solid #d0d7de;text-align:left">问题</th><th style="border:1px solid #d0d7de;text-align:left">整改日期</th></tr>
        {{#resolved}}<tr><td style="border:1px solid #d0d7de">{{unit}}</td><td style="border:1px solid #d0d7de">{{description}}</td><td style="border:1px solid #d0d7de">{{resolvedOn}}</td></tr>
        {{/resolved}}
        </table>
        {{/hasResolved}}

        <h2 style="font-size:17px;border-bottom:2px solid #a40000;padding-bottom:4px">五、{{year}}年度考评得分</h2>
        <table style="border-collapse:collapse" cellpadding="5">
        <tr style="background:#f6f8fa"><th style="border:1px solid #d0d7de;text-align:left">单位</th><th style="border:1px solid #d0d7de;text-align:right">得分</th><th style="border:1px solid #d0d7de;text-align:right">扣分</th><th style="border:1px solid #d0d7de;text-align:left">等次</th></tr>
        {{#scores}}<tr><td style="border:1px solid #d0d7de">{{unit}}</td><td style="border:1px solid #d0d7de;text-align:right">{{total}}</td><td style="border:1px solid #d0d7de;text-align:right">{{lost}}</td><td style="border:1px solid #d0d7de{{#failing}};color:#a40000;font-weight:bold{{/failing}}">{{grade}}</td></tr>
        {{/scores}}
        </table>

        <h2 style="font-size:17px;border-bottom:2px solid #a40000;padding-bottom:4px">六、预警</h2>
        {{^warnings}}<p>无。</p>{{/warnings}}
        {{#hasWarnings}}<ul>{{#warnings}}<li>{{unit}}：{{description}}（{{clause}}）</li>{{/warnings}}</ul>{{/hasWarnings}}

        <p style="margin-top:24px;color:#57606a;font-size:12px">本日报由 govwatch 政府信息公开监测系统自动生成。问题依据阿尔山市政府信息公开制度（2021）相关条款认定，证据见各问题链接。</p>
        </div>
        </body>
        </html>

        """

    static let digestText = """
        {{% CONTENT_TYPE: TEXT}}
        {{title}} {{date}}
        {{#period}}统计区间：{{period}}
        {{/period}}
        {{#calendarNotice}}注意：{{calendarNotice}}
        {{/calendarNotice}}
        {{#national}}政府网站检查指标：{{.}}
        {{/national}}
        新发现问题 {{newCount}} 个，已整改 {{resolvedCount}} 个，即将到期通知 {{dueSoonCount}} 份，逾期未整改 {{overdueCount}} 份。

        一、新发现问题
        {{^newByUnit}}本期未发现新问题。
        {{/newByUnit}}
        {{#newByUnit}}
        【{{unit}}】{{count}}个
        {{#items}}
          - [{{severity}}] {{description}}（{{clause}}）
            {{url}}
        {{/items}}
        {{/newByUnit}}

        二、逾期未整改（通报批评）
        {{^overdue}}无。
        {{/overdue}}
        {{#overdue}}
          - {{number}} {{unit}}，期限 {{deadline}}，未整改问题 {{openItems}} 个，书面报告：{{report}}
        {{/overdue}}

        三、3个工作日内到期的整改通知
        {{^dueSoon}}无。
        {{/dueSoon}}
        {{#dueSoon}}
          - {{number}} {{unit}}，期限 {{deadline}}（剩余 {{daysLeft}} 个工作日），未整改问题 {{openItems}} 个，书面报告：{{report}}
        {{/dueSoon}}

        四、已整改问题
        {{^resolved}}无。
        {{/resolved}}
        {{#resolved}}
          - {{unit}}：{{description}}（{{resolvedOn}}）
        {{/resolved}}

        五、{{year}}年度考评得分
        {{#scores}}
          - {{unit}}：{{total}} 分，{{grade}}
        {{/scores}}

        六、预警
        {{^warnings}}无。
        {{/warnings}}
        {{#warnings}}
          - {{unit}}：{{description}}（{{clause}}）
        {{/warnings}}

        """

    /// For chat robots: short; the channel splits or cuts it to the robot's size limit.
    static let digestMarkdown = """
        {{% CONTENT_TYPE: TEXT}}
        ### {{title}} {{date}}
        {{#calendarNotice}}> <font color="warning">{{calendarNotice}}</font>
        {{/calendarNotice}}
        {{#national}}> 政府网站检查指标：{{.}}
        {{/national}}
        > 新发现问题 **{{newCount}}** 个，已整改 **{{resolvedCount}}** 个，逾期未整改通知 **{{overdueCount}}** 份

        {{#hasOverdue}}
        **逾期未整改（通报批评）**
        {{#overdue}}
        - {{number}} {{unit}}，期限 {{deadline}}
        {{/overdue}}

        {{/hasOverdue}}
        {{#newByUnit}}
        **{{unit}}**（{{count}}个）
        {{#items}}
        - [{{severity}}] [{{description}}]({{url}})
        {{/items}}

        {{/newByUnit}}

        """

    /// A printable official document: 仿宋 body, centered title, A4 margins.
    static let noticeHTML = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><title>{{number}}</title>
        <style>@page { size: A4; margin: 37mm 26mm 35mm 28mm; }</style></head>
        <body style="margin:0 auto;max-width:760px;padding:24px;font-family:'FangSong','仿宋','STFangsong','Noto Serif CJK SC',serif;font-size:16pt;line-height:1.8;color:#000">
        <h1 style="text-align:center;font-family:'SimHei','黑体','Noto Sans CJK SC',sans-serif;font-size:22pt;font-weight:normal;margin:0 0 8px 0">{{title}}</h1>
        <p style="text-align:center;margin:0 0 24px 0">{{number}}</p>
        <p style="margin:0">{{unit}}：</p>
        <p style="text-indent:2em;margin:0">{{opening}}</p>
        <table style="border-collapse:collapse;width:100%;font-size:12pt;margin:12px 0" cellpadding="6">
        <tr><th style="border:1px solid #000;width:36px">序号</th><th style="border:1px solid #000">问题</th><th style="border:1px solid #000;width:130px">依据条款</th><th style="border:1px solid #000;width:48px">扣分</th></tr>
        {{#items}}<tr><td style="border:1px solid #000;text-align:center">{{index}}</td><td style="border:1px solid #000">{{description}}<br><span style="font-size:10pt;word-break:break-all">{{url}}</span></td><td style="border:1px solid #000">{{clause}}</td><td style="border:1px solid #000;text-align:center">{{points}}</td></tr>
        {{/items}}
        </table>
        <p style="text-indent:2em;margin:0">{{requirement}}</p>
        <p style="text-align:right;margin:48px 0 0 0">{{issuer}}</p>
        <p style="text-align:right;margin:0">{{issuedOn}}</p>
        </body>
        </html>

        """

    /// The year's 考评结果通报: A4 and print-ready (`@page`), as the notices.
    static let reportHTML = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><title>{{number}} {{title}}</title>
        <style>@page { size: A4; margin: 37mm 26mm 35mm 28mm; } table { page-break-inside: auto; } tr { page-break-inside: avoid; }</style></head>
        <body style="margin:0 auto;max-width:760px;padding:24px;font-family:'FangSong','仿宋','STFangsong','Noto Serif CJK SC',serif;font-size:16pt;line-height:1.8;color:#000">
        <h1 style="text-align:center;font-family:'FZXiaoBiaoSong-B05S','方正小标宋简体','SimHei','Noto Serif CJK SC',serif;font-size:22pt;font-weight:normal;margin:0 0 8px 0">{{title}}</h1>
        <p style="text-align:center;margin:0 0 24px 0">{{number}}</p>
        <p style="margin:0">{{addressee}}</p>
        <p style="text-indent:2em;margin:0">{{opening}}</p>
        <h2 style="font-family:'SimHei','黑体','Noto Sans CJK SC',sans-serif;font-size:16pt;font-weight:normal;text-indent:2em;margin:0">一、考评结果</h2>
        {{#groups}}<p style="text-indent:2em;margin:0">{{grade}}等次（{{count}}个）：{{names}}。</p>
        {{/groups}}
        <table style="border-collapse:collapse;width:100%;font-size:12pt;margin:12px 0" cellpadding="6">
        <tr><th style="border:1px solid #000">单位</th><th style="border:1px solid #000;width:80px">得分</th><th style="border:1px solid #000;width:80px">等次</th></tr>
        {{#scores}}<tr><td style="border:1px solid #000">{{unit}}</td><td style="border:1px solid #000;text-align:center">{{score}}</td><td style="border:1px solid #000;text-align:center">{{grade}}</td></tr>
        {{/scores}}
        </table>
        <h2 style="font-family:'SimHei','黑体','Noto Sans CJK SC',sans-serif;font-size:16pt;font-weight:normal;text-indent:2em;margin:0">二、存在的主要问题</h2>
        {{^hasProblems}}<p style="text-indent:2em;margin:0">本年度未发现扣分问题。</p>{{/hasProblems}}
        {{#hasProblems}}<p style="text-indent:2em;margin:0">按考评项目、问题类型统计，扣分较多的问题如下：</p>{{/hasProblems}}
        <table style="border-collapse:collapse;width:100%;font-size:12pt;margin:12px 0" cellpadding="6">
        {{#byLine}}<tr><td style="border:1px solid #000;width:36px;text-align:center">{{index}}</td><td style="border:1px solid #000">{{name}}</td><td style="border:1px solid #000;width:60px;text-align:center">{{count}}次</td><td style="border:1px solid #000;width:70px;text-align:center">扣{{points}}分</td></tr>
        {{/byLine}}
        </table>
        <table style="border-collapse:collapse;width:100%;font-size:12pt;margin:12px 0" cellpadding="6">
        {{#byRule}}<tr><td style="border:1px solid #000;width:36px;text-align:center">{{index}}</td><td style="border:1px solid #000">{{name}}</td><td style="border:1px solid #000;width:60px;text-align:center">{{count}}次</td><td style="border:1px solid #000;width:70px;text-align:center">扣{{points}}分</td></tr>
        {{/byRule}}
        </table>
        <h2 style="font-family:'SimHei','黑体','Noto Sans CJK SC',sans-serif;font-size:16pt;font-weight:normal;text-indent:2em;margin:0">三、通报批评</h2>
        {{^hasCriticized}}<p style="text-indent:2em;margin:0">本年度无逾期未整改的单位。</p>{{/hasCriticized}}
        {{#hasCriticized}}<p style="text-indent:2em;margin:0">以下单位未在期限内完成整改，予以通报批评：</p>{{/hasCriticized}}
        {{#criticized}}<p style="text-indent:2em;margin:0">{{unit}}（{{number}}，{{detail}}）。</p>
        {{/criticized}}
        {{#hasFraud}}<h2 style="font-family:'SimHei','黑体','Noto Sans CJK SC',sans-serif;font-size:16pt;font-weight:normal;text-indent:2em;margin:0">弄虚作假</h2>{{/hasFraud}}
        {{#fraud}}<p style="text-indent:2em;margin:0">{{unit}}：{{detail}}，{{number}}。</p>
        {{/fraud}}
        <h2 style="font-family:'SimHei','黑体','Noto Sans CJK SC',sans-serif;font-size:16pt;font-weight:normal;text-indent:2em;margin:0">整改报告报送情况</h2>
        {{^hasReports}}<p style="text-indent:2em;margin:0">本年度未收到书面整改报告。</p>{{/hasReports}}
        {{#reports}}<p style="text-indent:2em;margin:0">{{unit}}：{{number}}，{{detail}}。</p>
        {{/reports}}
        <p style="text-indent:2em;margin:0">{{closing}}</p>
        <p style="text-align:right;margin:48px 0 0 0">{{issuer}}</p>
        <p style="text-align:right;margin:0">{{issuedOn}}</p>
        </body>
        </html>

        """
}
