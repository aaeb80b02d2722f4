// The postmortem written out as Markdown, HTML and PDF: every section in
// order (empty ones say so), the action items, the incident's facts; card
// numbers masked and markup escaped; the PDF read back with pdftotext.
#include "incident_chart.h"
#include "postmortem_export.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace wf;

namespace {

PostmortemDocument document()
{
    PostmortemDocument doc;
    doc.incident.id = QStringLiteral("inc-1");
    doc.incident.title = QStringLiteral("Payments failing in eu-west");
    doc.incident.severity = Severity::Sev1;
    doc.incident.status = IncidentStatus::Resolved;
    doc.incident.journeys = {QStringLiteral("payment-authorization")};
    doc.incident.regions = {QStringLiteral("eu-west")};
    doc.incident.roles.commander = QStringLiteral("dana");
    doc.incident.milestones.startedMs = 1'795'615'200'000;   // 2026-11-25 14:00 UTC
    doc.incident.milestones.resolvedMs = 1'795'618'800'000;  // 15:00 UTC
    for (PostmortemSectionKey k : allPostmortemSections()) {
        PostmortemSection s;
        s.key = k;
        if (k == PostmortemSectionKey::Summary)
            s.text = QStringLiteral(
                "Authorizations failed for an hour. Customer card "
                "4111 1111 1111 1111 was in a log line.");
        if (k == PostmortemSectionKey::RootCause)
            s.text = QStringLiteral("A <script> in the config | broke the retry budget.");
        doc.sections.append(s);
    }
    ActionItem a;
    a.title = QStringLiteral("Alert on retry budget");
    a.owner = QStringLiteral("sam");
    a.due = QDate(2026, 12, 15);
    a.priority = ActionItemPriority::High;
    a.type = ActionItemType::Detect;
    doc.actionItems = {a};
    return doc;
}

// An hour at 99.9% with the incident at 14:00-15:00 dropping to 95%.
IncidentChart chartData()
{
    IncidentChart c;
    c.title = QStringLiteral("Payment authorization in eu-west");
    c.objective = 0.998;
    c.windowFromMs = 1'795'615'200'000;
    c.windowToMs = 1'795'618'800'000;
    for (qint64 t = c.windowFromMs - 15 * 60'000; t <= c.windowToMs + 15 * 60'000; t += 60'000)
        c.points.append(QPointF(double(t), t >= c.windowFromMs && t < c.windowToMs ? 0.95 : 0.999));
    return c;
}

PostmortemDocument withChart()
{
    PostmortemDocument doc = document();
    const IncidentChart c = chartData();
    doc.charts.append({c.title, renderIncidentChart(c), {}});
    return doc;
}

int pdfImages(const QString& path)
{
    const QString pdfimages = QStandardPaths::findExecutable(QStringLiteral("pdfimages"));
    if (pdfimages.isEmpty())
        return -1;
    QProcess p;
    p.start(pdfimages, {QStringLiteral("-list"), path});
    p.waitForFinished(20000);
    // Two header lines, then one line per image.
    return int(QString::fromUtf8(p.readAllStandardOutput()).trimmed().split('\n').size()) - 2;
}

}  // namespace

class TestPostmortemExport : public QObject {
    Q_OBJECT
private slots:
    void markdown()
    {
        const QString md = postmortemMarkdown(document());
        QVERIFY(md.startsWith(QStringLiteral("# Postmortem: Payments failing in eu-west\n")));
        QVERIFY(md.contains(QStringLiteral("- Severity: SEV-1\n")));
        QVERIFY(md.contains(QStringLiteral("- Started: 2026-11-25 14:00 UTC\n")));
        // Every section, in order; an empty one says so.
        qsizetype at = 0;
        for (PostmortemSectionKey k : allPostmortemSections()) {
            const qsizetype next = md.indexOf(QStringLiteral("## ") + postmortemSectionName(k), at);
            QVERIFY2(next > at, qPrintable(postmortemSectionName(k)));
            at = next;
        }
        QVERIFY(md.contains(QStringLiteral("## Impact\n\n_Not written yet._\n")));
        QVERIFY(md.contains(
            QStringLiteral("| Alert on retry budget | sam | 2026-12-15 | High | Detect | Open |")));
        QVERIFY(!md.contains(QStringLiteral("4111 1111 1111 1111")));
        QVERIFY(md.contains(QStringLiteral("1111 was in a log line")));
    }

    void html()
    {
        const QString html = postmortemHtml(document());
        QVERIFY(html.contains(QStringLiteral("<h2>Root cause and trigger</h2>")) ||
                html.contains(QStringLiteral("<h2>Root cause")));
        QVERIFY(html.contains(QStringLiteral("A &lt;script&gt; in the config")));
        QVERIFY(!html.contains(QStringLiteral("<script>")));
        QVERIFY(html.contains(QStringLiteral("<td>Alert on retry budget</td>")));
        QVERIFY(!html.contains(QStringLiteral("4111 1111 1111 1111")));
    }

    void chartShadesTheWindowAndDrawsTheSlo()
    {
        const IncidentChart c = chartData();
        const QImage image = renderIncidentChart(c);
        QCOMPARE(image.size(), QSize(760, 260));
        if (qEnvironmentVariableIsSet("WATCHFLOOR_KEEP_CHART"))
            image.save(qEnvironmentVariable("WATCHFLOOR_KEEP_CHART"));
        // The plot is x 64..744 for 13:45..15:15: the window is its middle two thirds.
        const QColor inside = image.pixelColor(404, 60);  // shaded, above the line
        const QColor before = image.pixelColor(100, 60);  // not shaded
        QCOMPARE(before, QColor(Qt::white));
        QVERIFY2(inside != QColor(Qt::white) && inside.red() > inside.blue(),
                 qPrintable(inside.name()));
        // Somewhere on the plot the series' blue and the SLO's amber are drawn.
        bool blue = false, amber = false;
        for (int y = 34; y < 230; ++y)
            for (int x = 64; x < 744; x += 3) {
                const QColor px = image.pixelColor(x, y);
                blue |= px.blue() > 180 && px.red() < 80;
                amber |= px.red() > 200 && px.green() > 120 && px.blue() < 80;
            }
        QVERIFY(blue);
        QVERIFY(amber);
        // Mitigated at 14:40 (two thirds into the window), detected at 14:10:
        // after the mitigation the shade is lighter; a dashed line marks detection.
        IncidentChart marked = c;
        marked.mitigatedMs = c.windowFromMs + 40 * 60'000;
        marked.detectedMs = c.windowFromMs + 10 * 60'000;
        const QImage m = renderIncidentChart(marked);
        // x for 14:20 = 64 + 35/90 x 680 = 328; for 14:50 = 64 + 65/90 x 680 = 555.
        const QColor hurt = m.pixelColor(328, 60), after = m.pixelColor(555, 60);
        QVERIFY2(hurt.red() > hurt.blue() && after.red() > after.blue(),
                 qPrintable(hurt.name() + QLatin1Char(' ') + after.name()));
        QVERIFY2(after.lightness() > hurt.lightness(),
                 qPrintable(hurt.name() + QLatin1Char(' ') + after.name()));
        // 14:10 at x = 64 + 25/90 x 680 = 253: purple somewhere down that column.
        bool purple = false;
        for (int y = 40; y < 220 && !purple; ++y)
            for (int x = 251; x <= 254 && !purple; ++x) {
                const QColor px = m.pixelColor(x, y);
                purple = px.blue() > px.green() + 40 && px.red() > px.green() + 20;
            }
        QVERIFY(purple);
        // Nothing to draw: a blank image, not a crash.
        IncidentChart empty;
        QCOMPARE(renderIncidentChart(empty).pixelColor(10, 10), QColor(Qt::white));
    }

    void chartsAreEmbedded()
    {
        const PostmortemDocument doc = withChart();
        // HTML: self-contained, the PNG as a data: URL that decodes to the chart.
        const QString html = postmortemHtml(doc);
        const qsizetype at = html.indexOf(QStringLiteral("src=\"data:image/png;base64,"));
        QVERIFY(at > html.indexOf(QStringLiteral("<h2>Impact</h2>")));
        QVERIFY(at < html.indexOf(QStringLiteral("<h2>Detection</h2>")));
        const qsizetype start = at + int(sizeof("src=\"data:image/png;base64,")) - 1;
        const QByteArray b64 = html.mid(start, html.indexOf('"', start) - start).toLatin1();
        QCOMPARE(QImage::fromData(QByteArray::fromBase64(b64), "PNG").size(), QSize(760, 260));
        QVERIFY(
            html.contains(QStringLiteral("Payment authorization in eu-west (incident window "
                                         "shaded)")));
        // Markdown: the image beside it, linked under Impact.
        QTemporaryDir dir;
        QString error;
        const QString md = dir.filePath(QStringLiteral("pm.md"));
        QVERIFY2(writePostmortemMarkdown(doc, md, &error), qPrintable(error));
        QFile f(md);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(
            text.contains(QStringLiteral("![Payment authorization in eu-west (incident window "
                                         "shaded)](pm-charts/chart-1.png)")));
        QCOMPARE(QImage(dir.filePath(QStringLiteral("pm-charts/chart-1.png"))).size(),
                 QSize(760, 260));
        // PDF: the chart is an image in it.
        const QString pdf = dir.filePath(QStringLiteral("pm.pdf"));
        QVERIFY2(writePostmortemPdf(doc, pdf, &error), qPrintable(error));
        const int images = pdfImages(pdf);
        QVERIFY2(images != -1, "pdfimages (poppler-utils, installed by scripts/setup)");
        QVERIFY2(images >= 1, qPrintable(QString::number(images)));
        QString plain;
        QVERIFY(writePostmortemPdf(document(), dir.filePath(QStringLiteral("plain.pdf")), &error));
        QCOMPARE(pdfImages(dir.filePath(QStringLiteral("plain.pdf"))), 0);
        // The facts name MTTD, MTTA and MTTR with their definitions.
        QVERIFY(
            text.contains(QStringLiteral("Time to acknowledge (MTTA, detected to "
                                         "acknowledged): not recorded")));
        QVERIFY(text.contains(QStringLiteral("Time to recover (MTTR, started to resolved): 1 h")));
    }

    void pdfOpensWithTheSections()
    {
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        QVERIFY2(!pdftotext.isEmpty(), "pdftotext (poppler-utils, installed by scripts/setup)");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("postmortem.pdf"));
        QString error;
        QVERIFY2(writePostmortemPdf(document(), path, &error), qPrintable(error));
        QProcess p;
        p.start(pdftotext, {path, QStringLiteral("-")});
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 0);
        // pdftotext drops some hyphens ("euwest"): compare without them.
        // (and wraps table cells: compare with the white space simplified).
        const QString text = QString::fromUtf8(p.readAllStandardOutput()).remove('-').simplified();
        QVERIFY2(text.contains(QStringLiteral("Postmortem: Payments failing in euwest")),
                 qPrintable(text.left(400)));
        for (PostmortemSectionKey k : allPostmortemSections())
            QVERIFY2(text.contains(postmortemSectionName(k)), qPrintable(postmortemSectionName(k)));
        QVERIFY(text.contains(QStringLiteral("Alert on retry budget")));
        QVERIFY(!text.contains(QStringLiteral("4111 1111 1111 1111")));
    }
};

QTEST_MAIN(TestPostmortemExport)
#include "tst_postmortem_export.moc"
