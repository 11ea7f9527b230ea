#!/usr/bin/env python3
"""Makes the attachment fixtures with real programs (LibreOffice headless, ImageMagick,
Python's zipfile). A test-only step: run it by hand (`python3 make.py` here); the small
results are committed and the tests read them. Needs soffice, convert and CJK fonts.

Every number below is made up: the IDs pass GB 11643 and the card numbers pass Luhn, but they
belong to nobody.
"""
import os, shutil, subprocess, tempfile, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

def gb11643(first17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(c) * k for c, k in zip(first17, w)) % 11]

def luhn(prefix):  # completes prefix with a check digit
    for d in "0123456789":
        n = prefix + d
        s = 0
        for i, c in enumerate(reversed(n)):
            v = int(c)
            if i % 2 == 1:
                v *= 2
                if v > 9: v -= 9
            s += v
        if s % 10 == 0: return n

IDS = [gb11643("15220219850317201"), gb11643("15220219620908102"), gb11643("15220220010115303")]
CARD = luhn("622848040256489001")
NAMES = ["张建国", "李秀英", "王海燕", "赵志强"]
MOBILES = ["13904821234", "15847123456", "18648201122", "13314829988"]

def soffice(src, fmt, out_name, infilter=None):
    if infilter is None and src.endswith(".html"):
        infilter = "HTML (StarWriter)"  # a Writer document, not a web page
    work = tempfile.mkdtemp()
    cmd = ["soffice", "--headless", "--norestore", "--convert-to", fmt, "--outdir", work, src]
    if infilter: cmd[3:3] = ["--infilter=" + infilter]
    subprocess.run(cmd, check=True, capture_output=True)
    produced = [f for f in os.listdir(work)]
    shutil.move(os.path.join(work, produced[0]), os.path.join(HERE, out_name))
    shutil.rmtree(work)

def write(path, text, encoding="utf-8"):
    with open(path, "w", encoding=encoding) as f: f.write(text)

def html(body):
    return "<html><head><meta charset='utf-8'></head><body style='font-family:Noto Serif CJK SC'>" + body + "</body></html>"

def csv_source(rows):
    path = os.path.join(tempfile.mkdtemp(), "sheet.csv")
    write(path, "\n".join(",".join(r) for r in rows) + "\n")
    return path

# Columns as text (format 2), as offices type IDs so Excel keeps every digit.
TEXT_COLUMNS = "CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2"

def main():
    tmp = tempfile.mkdtemp()
    # 1–2. 补贴名单 .xlsx, with IDs in full and masked.
    rows = [["序号", "姓名", "身份证号码", "补贴金额（元）"]] + [[str(i + 1), NAMES[i], IDS[i], "1200"] for i in range(3)]
    soffice(csv_source(rows), "xlsx", "subsidy-list.xlsx", TEXT_COLUMNS)
    masked = [r[:2] + [r[2][:6] + "********" + r[2][-4:]] + r[3:] if i else r for i, r in enumerate(rows)]
    soffice(csv_source(masked), "xlsx", "subsidy-list-masked.xlsx", TEXT_COLUMNS)
    # 3. A .docx notice with a bank card beside 开户行.
    src = os.path.join(tmp, "bank.html")
    write(src, html("<h1>关于拨付2026年度村级活动经费的通知</h1><p>各村委会：</p><p>请将经费拨入以下账户。"
                    "开户行：中国农业银行阿尔山支行，账号：" + CARD + "，户名：张建国。</p><p>阿尔山市财政局</p>"))
    soffice(src, "docx:MS Word 2007 XML", "bank-card.docx")
    # 4. A PDF exported from a document with an ID number (CID fonts: Noto CJK, embedded).
    src = os.path.join(tmp, "id.html")
    write(src, html("<h1>行政处罚决定书</h1><p>当事人：李秀英，公民身份号码：" + IDS[1] + "，住址：阿尔山市温泉街。</p>"
                    "<p>经查，当事人存在违法行为，依法作出如下处罚。</p>"))
    soffice(src, "pdf:writer_pdf_Export", "id-number.pdf")
    # 5. A PDF with 秘密★1年.
    src = os.path.join(tmp, "secret.html")
    write(src, html("<p style='text-align:right'>秘密★1年</p><h1>关于做好防汛工作的紧急通知</h1><p>各乡镇：现将有关事项通知如下。</p>"))
    soffice(src, "pdf:writer_pdf_Export", "secret-mark.pdf")
    # 6. A .doc (Word 97) notice with an ID and a .xls (Excel 97, BIFF8). LibreOffice has no
    # export to Word 95 / Excel 95, the versions that store GBK bytes; Word 97 stores UTF-16.
    src = os.path.join(tmp, "doc.html")
    write(src, html("<h1>低保对象公示</h1><p>申请人王海燕，身份证号：" + IDS[2] + "，家庭人口3人。</p>"))
    soffice(src, "doc:MS Word 97", "notice.doc")
    soffice(csv_source(rows), "xls:MS Excel 97", "subsidy-list.xls", TEXT_COLUMNS)
    # WPS 文字 and WPS 表格 save .wps/.et in these same compound formats; no WPS here, so the
    # .wps and .et fixtures are these two files renamed (the reader goes by the bytes).
    shutil.copy(os.path.join(HERE, "notice.doc"), os.path.join(HERE, "notice.wps"))
    shutil.copy(os.path.join(HERE, "subsidy-list.xls"), os.path.join(HERE, "subsidy-list.et"))
    # 7. Names with mobile numbers; and the office's own numbers only.
    people = [["姓名", "村组", "联系电话"]] + [[NAMES[i], "第%d村民小组" % (i + 1), MOBILES[i]] for i in range(4)]
    soffice(csv_source(people), "xlsx", "mobile-list.xlsx", TEXT_COLUMNS)
    src = os.path.join(tmp, "office.html")
    write(src, html("<h1>政务服务事项办理指南</h1><p>咨询电话：0482-7122345</p><p>监督电话：0482-7126789</p>"
                    "<p>办公地址：阿尔山市新城街1号</p>"))
    soffice(src, "pdf:writer_pdf_Export", "office-phone.pdf")
    # 8. An image-only PDF, as a scanner makes it.
    # The ID-number PDF rendered to a grey image by poppler, then wrapped as the only content
    # of a page: what a scanner's PDF is (the number is in the picture, not in any text).
    subprocess.run(["pdftoppm", "-gray", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    os.path.join(HERE, "id-number.pdf"), os.path.join(tmp, "scan")], check=True)
    write_image_pdf(os.path.join(tmp, "scan.pgm"), os.path.join(HERE, "scanned.pdf"))
    # 9. An .odt and an .ods, an .rtf, and a .zip holding a list and a notice.
    soffice(os.path.join(tmp, "doc.html"), "odt:writer8", "notice.odt")
    soffice(csv_source(rows), "ods", "subsidy-list.ods", TEXT_COLUMNS)
    soffice(os.path.join(tmp, "doc.html"), "rtf:Rich Text Format", "notice.rtf")
    with zipfile.ZipFile(os.path.join(HERE, "attachments.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.write(os.path.join(HERE, "subsidy-list.xlsx"), "附件1 补贴名单.xlsx")
        z.write(os.path.join(HERE, "office-phone.pdf"), "附件2 办事指南.pdf")
    # 10. Bombs: an .xlsx whose sharedStrings inflate to 1 GB, and a PDF that takes its reader
    # ~10^8 text draws (nested form XObjects): both must end as notes, quickly.
    with zipfile.ZipFile(os.path.join(HERE, "subsidy-list.xlsx")) as good, \
         zipfile.ZipFile(os.path.join(HERE, "bomb.xlsx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for item in good.infolist():
            if item.filename == "xl/sharedStrings.xml":
                with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
                    out.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
                    chunk = b"A" * (1 << 20)
                    for _ in range(1024): out.write(chunk)
                    out.write(b"</t></si></sst>")
            else:
                z.writestr(item, good.read(item.filename))
    write_loop_pdf(os.path.join(HERE, "loop.pdf"))

def write_pdf(path, objects):
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets: out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as f: f.write(bytes(out))

def write_image_pdf(pgm, path):
    import zlib
    data = open(pgm, "rb").read()
    fields = data.split(b"\n", 3)  # P5, "W H", 255, pixels
    width, height = map(int, fields[1].split())
    pixels = zlib.compress(fields[3], 9)
    content = b"q %d 0 0 %d 0 0 cm /Im0 Do Q" % (width, height)
    write_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>"
        % (width, height),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(pixels)) + pixels + b"\nendstream",
    ])

def write_loop_pdf(path):
    objects = []
    depth = 8
    # 1 catalog, 2 pages, 3 page, 4 font, 5 content, 6.. XObjects X0 (leaf) .. X{depth}
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    xobj_first = 6
    objects.append(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
                    "/Resources << /Font << /F1 4 0 R >> /XObject << /X%d %d 0 R >> >> >>" % (depth, xobj_first + depth)).encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    content = ("/X%d Do" % depth).encode()
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    for level in range(depth + 1):
        if level == 0:
            body = b"BT /F1 12 Tf 72 720 Td (loop) Tj ET"
            resources = b"<< /Font << /F1 4 0 R >> >>"
        else:
            body = (" ".join(["/X%d Do" % (level - 1)] * 10)).encode()
            resources = ("<< /Font << /F1 4 0 R >> /XObject << /X%d %d 0 R >> >>" % (level - 1, xobj_first + level - 1)).encode()
        objects.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources " + resources
                       + b" /Length %d >>\nstream\n" % len(body) + body + b"\nendstream")
    write_pdf(path, objects)

if __name__ == "__main__":
    main()
