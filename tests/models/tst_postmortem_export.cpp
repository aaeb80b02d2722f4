// The postmortem written out as Markdown, HTML and PDF: every section in
// order (empty ones say so), the action items, the incident's facts; card
// numbers masked and markup escaped; the PDF read back with pdftotext.
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
