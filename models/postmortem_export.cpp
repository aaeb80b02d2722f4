#include "postmortem_export.h"

#include "redaction.h"

#include <QDateTime>
#include <QFile>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

namespace wf {

namespace {

QString utc(std::optional<qint64> ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC)
                    .toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
              : QStringLiteral("not recorded");
}

QStringList facts(const Incident& i)
{
    return {
        QStringLiteral("Severity: %1").arg(severityName(i.severity)),
        QStringLiteral("Status: %1").arg(incidentStatusName(i.status)),
        QStringLiteral("Journeys: %1")
            .arg(i.journeys.isEmpty() ? QStringLiteral("not named")
                                      : i.journeys.join(QStringLiteral(", "))),
        QStringLiteral("Regions: %1")
            .arg(i.regions.isEmpty() ? QStringLiteral("not named")
                                     : i.regions.join(QStringLiteral(", "))),
        QStringLiteral("Commander: %1")
            .arg(i.roles.commander.isEmpty() ? QStringLiteral("—") : i.roles.commander),
        QStringLiteral("Started: %1").arg(utc(i.milestones.startedMs)),
        QStringLiteral("Detected: %1").arg(utc(i.milestones.detectedMs)),
        QStringLiteral("Mitigated: %1").arg(utc(i.milestones.mitigatedMs)),
        QStringLiteral("Resolved: %1").arg(utc(i.milestones.resolvedMs)),
    };
}

QStringList itemCells(const ActionItem& a)
{
    return {a.title,
            a.owner.isEmpty() ? QStringLiteral("—") : a.owner,
            a.due.isValid() ? a.due.toString(Qt::ISODate) : QStringLiteral("—"),
            actionItemPriorityName(a.priority),
            actionItemTypeName(a.type),
            actionItemStatusName(a.status)};
}

const QStringList kItemHeaders = {QStringLiteral("Action item"), QStringLiteral("Owner"),
                                  QStringLiteral("Due"),         QStringLiteral("Priority"),
                                  QStringLiteral("Type"),        QStringLiteral("Status")};

QString cellMd(QString s)
{
    return s.replace('|', QStringLiteral("\\|")).replace('\n', ' ');
}

}  // namespace

QString postmortemMarkdown(const PostmortemDocument& doc)
{
    QString out = QStringLiteral("# Postmortem: %1\n\n").arg(doc.incident.title);
    for (const QString& f : facts(doc.incident))
        out += QStringLiteral("- %1\n").arg(f);
    for (const PostmortemSection& s : doc.sections) {
        out += QStringLiteral("\n## %1\n\n").arg(postmortemSectionName(s.key));
        out += s.text.trimmed().isEmpty() ? QStringLiteral("_Not written yet._\n")
                                          : s.text.trimmed() + '\n';
    }
    out += QStringLiteral("\n## Action items\n\n");
    if (doc.actionItems.isEmpty()) {
        out += QStringLiteral("_None yet._\n");
    } else {
        out += QStringLiteral("| %1 |\n|%2\n")
                   .arg(kItemHeaders.join(QStringLiteral(" | ")),
                        QStringLiteral(" --- |").repeated(kItemHeaders.size()));
        for (const ActionItem& a : doc.actionItems) {
            QStringList cells = itemCells(a);
            for (QString& c : cells)
                c = cellMd(c);
            out += QStringLiteral("| %1 |\n").arg(cells.join(QStringLiteral(" | ")));
        }
    }
    return redactSecrets(out);
}

QString postmortemHtml(const PostmortemDocument& doc)
{
    QString out = QStringLiteral(
                      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Postmortem: "
                      "%1</title><style>body{font-family:sans-serif;max-width:46em;margin:2em "
                      "auto;color:#222}h2{border-bottom:1px solid #ccc}table{border-collapse:"
                      "collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
                      ".empty{color:#888;font-style:italic}</style></head><body>\n")
                      .arg(doc.incident.title.toHtmlEscaped());
    out +=
        QStringLiteral("<h1>Postmortem: %1</h1>\n<ul>\n").arg(doc.incident.title.toHtmlEscaped());
    for (const QString& f : facts(doc.incident))
        out += QStringLiteral("<li>%1</li>\n").arg(f.toHtmlEscaped());
    out += QStringLiteral("</ul>\n");
    for (const PostmortemSection& s : doc.sections) {
        out += QStringLiteral("<h2>%1</h2>\n").arg(postmortemSectionName(s.key).toHtmlEscaped());
        if (s.text.trimmed().isEmpty()) {
            out += QStringLiteral("<p class=\"empty\">Not written yet.</p>\n");
            continue;
        }
        for (const QString& para : s.text.trimmed().split(QStringLiteral("\n\n")))
            out += QStringLiteral("<p>%1</p>\n")
                       .arg(para.toHtmlEscaped().replace('\n', QStringLiteral("<br>")));
    }
    out += QStringLiteral("<h2>Action items</h2>\n");
    if (doc.actionItems.isEmpty()) {
        out += QStringLiteral("<p class=\"empty\">None yet.</p>\n");
    } else {
        out += QStringLiteral("<table><tr>");
        for (const QString& h : kItemHeaders)
            out += QStringLiteral("<th>%1</th>").arg(h);
        out += QStringLiteral("</tr>\n");
        for (const ActionItem& a : doc.actionItems) {
            out += QStringLiteral("<tr>");
            for (const QString& c : itemCells(a))
                out += QStringLiteral("<td>%1</td>").arg(c.toHtmlEscaped());
            out += QStringLiteral("</tr>\n");
        }
        out += QStringLiteral("</table>\n");
    }
    out += QStringLiteral("</body></html>\n");
    return redactSecrets(out);
}

bool writePostmortemPdf(const PostmortemDocument& doc, const QString& path, QString* error)
{
    QPdfWriter pdf(path);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout::Millimeter);
    pdf.setTitle(QStringLiteral("Postmortem: %1").arg(doc.incident.title));
    pdf.setCreator(QStringLiteral("Watchfloor"));
    QTextDocument text;
    text.setHtml(postmortemHtml(doc));
    text.print(&pdf);
    if (!QFile::exists(path) || QFile(path).size() == 0) {
        *error = QStringLiteral("Cannot write the PDF to %1.").arg(path);
        return false;
    }
    return true;
}

}  // namespace wf
