import Foundation

/// The demo's WeChat official-account exports.
enum DemoFeeds {
    /// 阿尔山市人民政府's account as an RSS 2.0 export (as feed exporters write it).
    static func rss(news: [(String, String, String, String)]) -> String {
        let items = news.prefix(5).map { id, date, title, _ in
            let d = date.split(separator: "-")
            return """
                <item><title>\(PageTemplates.escape(title))</title>\
                <link>https://mp.weixin.qq.com/s/aes-\(id)</link>\
                <pubDate>\(d[2]) Nov \(d[0]) 18:00:00 +0800</pubDate>\
                <author>阿尔山市人民政府</author>\
                <description><![CDATA[<p>\(PageTemplates.escape(title))。</p><p>来源：阿尔山市人民政府办公室</p>]]></description></item>
                """
        }.joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>阿尔山市人民政府</title><link>https://mp.weixin.qq.com/</link>
            <description>阿尔山市人民政府微信公众号</description>
            \(items)
            </channel></rss>
            """
    }

    /// 五岔沟镇's account as the WeChat platform's published-articles JSON; last post 2026-10-01.
    static func wechatJSON() -> String {
        // 2026-10-01 10:00 and 2026-09-20 15:30, Asia/Shanghai.
        """
        {"total_count": 2, "item_count": 2, "item": [
          {"article_id": "wcgz-2", "update_time": 1790820000, "content": {"create_time": 1790820000, "update_time": 1790820000,
            "news_item": [{"title": "五岔沟镇欢度国庆", "author": "五岔沟镇人民政府", "digest": "五岔沟镇举办庆祝活动",
              "content": "<p>五岔沟镇举办国庆文艺演出。</p><p>来源：五岔沟镇人民政府</p>", "content_source_url": "",
              "url": "https://mp.weixin.qq.com/s/wcgz-2", "thumb_media_id": "m2", "is_deleted": false}]}},
          {"article_id": "wcgz-1", "update_time": 1789889400, "content": {"create_time": 1789889400, "update_time": 1789889400,
            "news_item": [{"title": "五岔沟镇秋收进行时", "author": "五岔沟镇人民政府", "digest": "秋收",
              "content": "<p>五岔沟镇秋收工作有序推进。</p>", "content_source_url": "",
              "url": "https://mp.weixin.qq.com/s/wcgz-1", "thumb_media_id": "m1", "is_deleted": false}]}}
        ]}
        """
    }
}
