import Mustache

/// The console's pages as Mustache templates: `{{x}}` escapes for HTML, so everything that
/// came from a crawled page renders as text; `{{{x}}}` is used only for markup the console
/// itself made (a page body, an SVG chart).
enum ConsoleTemplates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in all { library.register(try! MustacheTemplate(string: text), named: name) }
        return library
    }()

    static func render(_ object: Any, _ name: String) -> String {
        library.render(object, withTemplate: name) ?? ""
    }

    static let all: [String: String] = [
        "layout": layout, "overview": overview, "unit": unit, "findings": findings, "finding": finding,
        "notices": notices, "notice": notice, "scores": scores, "runs": runs, "login": login, "message": message,
        "findingTable": findingTable, "noticeTable": noticeTable,
    ]

    static let layout = """
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · 政务公开监测</title><link rel="stylesheet" href="/ui/console.css"></head>
        <body><header><a class="brand" href="/ui/">政务公开监测</a>
        <nav><a href="/ui/">总览</a><a href="/ui/findings">问题</a><a href="/ui/notices">通知</a><a href="/ui/scores">考评</a><a href="/ui/runs">运行</a></nav>
        {{#viewer}}<span class="who">{{name}} · {{role}}{{#signedIn}}
        <form method="post" action="/ui/logout" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button>退出</button></form>{{/signedIn}}</span>{{/viewer}}
        </header><main><h1>{{title}}</h1>
        {{#flash}}<p class="flash">{{flash}}</p>{{/flash}}
        {{{body}}}</main><footer>govwatch {{version}} · 数据更新于 {{generated}}</footer></body></html>
        """

    static let overview = """
        {{#hasWarnings}}<section class="warnings"><h2>提醒</h2><ul>{{#warnings}}<li>{{.}}</li>{{/warnings}}</ul></section>{{/hasWarnings}}
        {{#hasNational}}<section><h2>国办检查指标（站点）</h2><table><thead><tr><th>站点</th><th>结论</th><th>单项否决</th><th>扣分</th></tr></thead><tbody>
        {{#national}}<tr><td>{{probe}}</td><td class="{{css}}">{{verdict}}</td><td>{{vetoes}}</td><td class="num">{{points}}</td></tr>{{/national}}
        </tbody></table></section>{{/hasNational}}
        <section><h2>各单位得分（{{year}}年）</h2><table><thead><tr><th>单位</th><th class="num">得分</th><th>等次</th><th class="num">未整改问题</th><th class="num">整改中通知</th><th class="num">逾期通知</th></tr></thead><tbody>
        {{#units}}<tr><td><a href="/ui/unit/{{id}}">{{name}}</a></td><td class="num">{{score}}</td><td class="{{css}}">{{grade}}</td><td class="num"><a href="/ui/findings?unit={{id}}&amp;status=open">{{open}}</a></td><td class="num">{{due}}</td><td class="num {{#overdue}}bad{{/overdue}}">{{overdue}}</td></tr>{{/units}}
        {{^units}}<tr><td colspan="6">尚无单位：第一次检查后显示。</td></tr>{{/units}}
        </tbody></table></section>
        <section><h2>检查计划</h2><table><thead><tr><th>站点</th><th>上次检查</th><th>结果</th><th>下次检查</th></tr></thead><tbody>
        {{#probes}}<tr><td>{{id}}</td><td>{{last}}</td><td class="{{css}}">{{outcome}}</td><td>{{next}}</td></tr>{{/probes}}
        {{^probes}}<tr><td colspan="4">尚无检查记录。</td></tr>{{/probes}}
        </tbody></table></section>
        """

    static let unit = """
        <p class="lead">{{fullName}} · {{year}}年得分 <strong>{{score}}</strong> · <span class="{{css}}">{{grade}}</span> · 未整改问题 {{openCount}} · 已整改 {{resolvedCount}}</p>
        <section class="charts"><figure><figcaption>得分（每个检查日之后）</figcaption>{{{scoreChart}}}</figure>
        <figure><figcaption>新发现问题（按月、按规则）</figcaption>{{{monthChart}}}</figure></section>
        <section><h2>扣分（按考评项目）</h2><table><thead><tr><th>类别</th><th>项目</th><th class="num">问题数</th><th class="num">扣分</th><th class="num">满分</th></tr></thead><tbody>
        {{#lines}}<tr><td>{{category}}</td><td>{{name}}</td><td class="num">{{count}}</td><td class="num">{{lost}}</td><td class="num">{{points}}</td></tr>{{/lines}}
        {{^lines}}<tr><td colspan="5">本年度无扣分。</td></tr>{{/lines}}{{#fraud}}<tr><td colspan="3">弄虚作假</td><td class="num">{{fraud}}</td><td></td></tr>{{/fraud}}
        </tbody></table></section>
        {{#canRecord}}<section><h2>记录人工扣分</h2><form method="post" action="/ui/unit/{{id}}/deduct" class="grid">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label>考评项目<select name="line" required>{{#lineChoices}}<option value="{{id}}">{{name}}（满分{{points}}）</option>{{/lineChoices}}</select></label>
        <label>扣分<input name="points" type="number" step="0.5" min="0.5" required></label>
        <label>理由<input name="reason" required maxlength="500"></label>
        <label>证据链接<input name="evidence" type="url" maxlength="500"></label>
        <button>记录</button></form></section>{{/canRecord}}
        <section><h2>通知</h2>{{> noticeTable}}</section>
        <section><h2>未整改问题</h2>{{#open}}{{> findingTable}}{{/open}}{{#moreOpen}}<p><a href="/ui/findings?unit={{id}}&amp;status=open">全部 {{openCount}} 个未整改问题</a></p>{{/moreOpen}}</section>
        <section><h2>已整改问题（最近）</h2>{{#resolved}}{{> findingTable}}{{/resolved}}</section>
        """

    static let findingTable = """
        <table><thead><tr><th>编号</th>{{#showUnit}}<th>单位</th>{{/showUnit}}<th>规则</th><th>问题</th><th>程度</th><th>首次发现</th><th>最近发现</th><th>状态</th></tr></thead><tbody>
        {{#rows}}<tr><td><a href="/ui/finding/{{id}}">{{id}}</a></td>{{#showUnit}}<td>{{unit}}</td>{{/showUnit}}<td>{{rule}}</td><td>{{description}}</td><td class="{{severityCSS}}">{{severity}}</td><td>{{firstSeen}}</td><td>{{lastSeen}}</td><td>{{status}}</td></tr>{{/rows}}
        {{^rows}}<tr><td colspan="8">无。</td></tr>{{/rows}}</tbody></table>
        """

    static let noticeTable = """
        <table><thead><tr><th>文号</th><th>单位</th><th>下发日期</th><th>整改期限</th><th>状态</th><th class="num">问题数</th><th>书面报告</th></tr></thead><tbody>
        {{#notices}}<tr><td><a href="/ui/notice/{{id}}">{{number}}</a></td><td>{{unit}}</td><td>{{issued}}</td><td>{{deadline}}</td><td class="{{css}}">{{status}}</td><td class="num">{{items}}</td><td>{{reported}}</td></tr>{{/notices}}
        {{^notices}}<tr><td colspan="7">无。</td></tr>{{/notices}}</tbody></table>
        """

    static let findings = """
        <form method="get" action="/ui/findings" class="filters">
        <label>单位<select name="unit"><option value="">全部</option>{{#unitChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/unitChoices}}</select></label>
        <label>规则<select name="rule"><option value="">全部</option>{{#ruleChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/ruleChoices}}</select></label>
        <label>状态<select name="status"><option value="">全部</option>{{#statusChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statusChoices}}</select></label>
        <label>程度<select name="severity"><option value="">全部</option>{{#severityChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/severityChoices}}</select></label>
        <label>首次发现 自<input type="date" name="from" value="{{from}}"></label><label>至<input type="date" name="to" value="{{to}}"></label>
        <button>筛选</button></form>
        <p>共 {{total}} 条{{#pages}}，第 {{page}}/{{pages}} 页{{/pages}}</p>
        {{#list}}{{> findingTable}}{{/list}}
        <p class="pager">{{#previous}}<a href="{{previous}}">上一页</a>{{/previous}} {{#next}}<a href="{{next}}">下一页</a>{{/next}}</p>
        """

    static let finding = """
        <table class="facts"><tbody>
        <tr><th>问题</th><td>{{description}}</td></tr>
        <tr><th>单位</th><td><a href="/ui/unit/{{unitID}}">{{unit}}</a></td></tr>
        <tr><th>规则</th><td>{{rule}}</td></tr><tr><th>依据</th><td>{{clause}}</td></tr>
        <tr><th>程度</th><td class="{{severityCSS}}">{{severity}}</td></tr><tr><th>状态</th><td>{{status}}{{#resolvedOn}}（{{resolvedOn}}）{{/resolvedOn}}</td></tr>
        <tr><th>页面</th><td>{{#href}}<a href="{{href}}" rel="noreferrer">{{url}}</a>{{/href}}{{^href}}{{url}}{{/href}}</td></tr>
        <tr><th>首次发现</th><td>{{firstSeen}}</td></tr><tr><th>最近发现</th><td>{{lastSeen}}（共 {{seenCount}} 次检查）</td></tr>
        </tbody></table>
        <section><h2>证据</h2><table><tbody>{{#evidence}}<tr><th>{{label}}</th><td class="evidence">{{value}}</td></tr>{{/evidence}}{{^evidence}}<tr><td>无。</td></tr>{{/evidence}}</tbody></table></section>
        <section><h2>扣分</h2><table><thead><tr><th>年度</th><th>考评项目</th><th class="num">扣分</th><th>发现日期</th><th>记录人</th><th>状态</th></tr></thead><tbody>
        {{#deductions}}<tr><td>{{period}}</td><td>{{line}}</td><td class="num">{{points}}</td><td>{{foundOn}}</td><td>{{by}}</td><td>{{state}}</td></tr>{{/deductions}}
        {{^deductions}}<tr><td colspan="6">未扣分。</td></tr>{{/deductions}}</tbody></table></section>
        <section><h2>整改通知</h2>{{> noticeTable}}</section>
        """

    static let notices = """
        <p class="tabs"><a href="/ui/notices">全部</a>{{#statusChoices}} <a href="/ui/notices?status={{value}}"{{#selected}} class="current"{{/selected}}>{{label}}</a>{{/statusChoices}}</p>
        {{> noticeTable}}
        """

    static let notice = """
        <p><a href="/ui/notice/{{id}}.html">查看通知书</a> · <a href="/ui/notice/{{id}}.docx">下载 DOCX</a></p>
        <table class="facts"><tbody>
        <tr><th>单位</th><td><a href="/ui/unit/{{unitID}}">{{unit}}</a></td></tr><tr><th>下发日期</th><td>{{issued}}</td></tr>
        <tr><th>整改期限</th><td>{{deadline}}</td></tr><tr><th>状态</th><td class="{{css}}">{{status}}{{#closed}}（{{closed}}）{{/closed}}</td></tr>
        <tr><th>书面报告</th><td>{{reported}}</td></tr>
        </tbody></table>
        <section><h2>所列问题</h2><table><thead><tr><th>问题</th><th>依据</th><th class="num">扣分</th></tr></thead><tbody>
        {{#items}}<tr><td>{{description}}</td><td>{{clause}}</td><td class="num">{{points}}</td></tr>{{/items}}</tbody></table></section>
        {{#canRecord}}<section><h2>登记书面报告</h2><form method="post" action="/ui/notice/{{id}}/report" class="grid">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label>收到日期<input type="date" name="on" value="{{today}}" required></label><label>备注（如报告文号）<input name="note" maxlength="500"></label>
        <button>登记</button></form></section>{{/canRecord}}
        """

    static let scores = """
        <form method="get" action="/ui/scores" class="filters"><label>年度<input type="number" name="year" value="{{year}}" min="2000" max="2100"></label><button>查看</button></form>
        <p>下载：<a href="/ui/scores/{{year}}.xlsx">XLSX（扣分明细、得分汇总、图表）</a> · <a href="/ui/scores/{{year}}-log.csv">扣分明细 CSV</a> · <a href="/ui/scores/{{year}}-scores.csv">得分汇总 CSV</a> · <a href="/ui/scores/{{year}}.json">JSON</a></p>
        <table><thead><tr>{{#header}}<th>{{.}}</th>{{/header}}</tr></thead><tbody>
        {{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}{{^rows}}<tr><td>尚无单位。</td></tr>{{/rows}}</tbody></table>
        <p>扣分明细共 {{logCount}} 条。</p>
        """

    static let runs = """
        <section><h2>抓取</h2><table><thead><tr><th>编号</th><th>站点</th><th>开始</th><th class="num">用时（秒）</th><th>状态</th><th class="num">页面</th><th class="num">未变</th><th class="num">失败</th><th>按结果</th></tr></thead><tbody>
        {{#runs}}<tr><td>{{id}}</td><td>{{probe}}</td><td>{{started}}</td><td class="num">{{seconds}}</td><td class="{{css}}">{{status}}</td><td class="num">{{fetched}}</td><td class="num">{{unchanged}}</td><td class="num">{{failed}}</td><td>{{outcomes}}</td></tr>{{/runs}}
        {{^runs}}<tr><td colspan="9">尚无抓取。</td></tr>{{/runs}}</tbody></table></section>
        <section><h2>发送队列</h2><p>{{#queue}}{{label}} {{count}}　{{/queue}}</p>
        <table><thead><tr><th>消息</th><th>渠道</th><th>状态</th><th class="num">尝试</th><th>最近错误</th></tr></thead><tbody>
        {{#deliveries}}<tr><td>{{name}}</td><td>{{channel}}</td><td class="{{css}}">{{status}}</td><td class="num">{{attempts}}</td><td>{{error}}</td></tr>{{/deliveries}}
        {{^deliveries}}<tr><td colspan="5">没有待发送或失败的消息。</td></tr>{{/deliveries}}</tbody></table></section>
        """

    static let login = """
        <form method="post" action="/ui/login" class="login"><input type="hidden" name="next" value="{{next}}">
        <label>用户名<input name="user" autocomplete="username" required autofocus></label>
        <label>密码<input name="password" type="password" autocomplete="current-password" required></label>
        <button>登录</button></form>
        """

    static let message = "<p>{{text}}</p>{{#link}}<p><a href=\"{{link}}\">返回</a></p>{{/link}}"

    static let css = """
        :root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bad:#b42318;--warn:#9a6700;--good:#1a7f37;--accent:#0b57d0}
        *{box-sizing:border-box}body{margin:0;font:15px/1.6 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:#f6f8fa}
        header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding:.6rem 1rem;background:#8b0000;color:#fff}
        header a{color:#fff;text-decoration:none}.brand{font-weight:700;font-size:1.1rem}nav a{margin-right:1rem}.who{margin-left:auto;font-size:.9rem}
        main{max-width:1200px;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.4rem 0 1rem}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
        table{border-collapse:collapse;width:100%;background:#fff;font-size:.92rem}th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
        thead th{background:#eef1f4}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        .facts th{width:8rem;background:#eef1f4}.evidence{word-break:break-all;font-family:monospace}
        .bad,.severe,.fail{color:var(--bad);font-weight:600}.warn,.warning{color:var(--warn)}.good,.excellent{color:var(--good);font-weight:600}
        .warnings{background:#fff8c5;border:1px solid #d4a72c;padding:.2rem 1rem}.flash{background:#dafbe1;border:1px solid #4ac26b;padding:.5rem}
        .filters,.grid{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin-bottom:1rem}label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
        input,select,button{font:inherit;padding:.25rem .4rem}button{background:var(--accent);color:#fff;border:0;border-radius:3px;padding:.35rem .9rem;cursor:pointer}
        .inline{display:inline}.inline button{background:transparent;border:1px solid #fff;padding:.1rem .5rem}
        .login{max-width:22rem;display:flex;flex-direction:column;gap:.8rem}.tabs a.current{font-weight:700}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1rem}figure{margin:0;background:#fff;border:1px solid var(--line);padding:.5rem}
        figcaption{font-size:.9rem;color:var(--muted)}svg{width:100%;height:auto}footer{color:var(--muted);font-size:.8rem;text-align:center;padding:1rem}
        @media (max-width:640px){table{font-size:.8rem}th,td{padding:.25rem}main{padding:.5rem}}
        @media print{header nav,.filters,form,.pager{display:none}body{background:#fff}}
        """
}
