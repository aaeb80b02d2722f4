#include "postmortem_export.h"

#include "redaction.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace wf {

namespace {

QString span(std::optional<qint64> from, std::optional<qint64> to)
{
    return from && to ? incidentDurationText(*to - *from) : QStringLiteral("not recorded");
}

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
        QStringLiteral("Incident commander: %1")
            .arg(i.roles.commander.isEmpty() ? QStringLiteral("—") : i.roles.commander),
        QStringLiteral("Communications lead: %1")
            .arg(i.roles.communicationsLead.isEmpty() ? QStringLiteral("—")
                                                      : i.roles.communicationsLead),
        QStringLiteral("Scribe: %1")
            .arg(i.roles.scribe.isEmpty() ? QStringLiteral("—") : i.roles.scribe),
        QStringLiteral("Started: %1").arg(utc(i.milestones.startedMs)),
        QStringLiteral("Detected: %1").arg(utc(i.milestones.detectedMs)),
        QStringLiteral("Acknowledged: %1").arg(utc(i.milestones.acknowledgedMs)),
        QStringLiteral("Mitigated: %1").arg(utc(i.milestones.mitigatedMs)),
        QStringLiteral("Resolved: %1").arg(utc(i.milestones.resolvedMs)),
        QStringLiteral("Time to detect (MTTD, started to detected): %1")
            .arg(span(i.milestones.startedMs, i.milestones.detectedMs)),
        QStringLiteral("Time to acknowledge (MTTA, detected to acknowledged): %1")
            .arg(span(i.milestones.detectedMs, i.milestones.acknowledgedMs)),
        QStringLiteral("Time to recover (MTTR, started to resolved): %1")
            .arg(span(i.milestones.startedMs, i.milestones.resolvedMs)),
    };
}

QByteArray png(const QImage& image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
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
        if (s.key == PostmortemSectionKey::Impact)
            for (const PostmortemChart& c : doc.charts)
                out += QStringLiteral("\n![%1 (incident window shaded)](%2)\n")
                           .arg(c.title, c.file.isEmpty()
                                             ? QStringLiteral("data:image/png;base64,") +
                                                   QString::fromLatin1(png(c.image).toBase64())
                                             : c.file);
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

QString postmortemHtml(const PostmortemDocument& doc, bool imageNames)
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
        if (s.text.trimmed().isEmpty())
            out += QStringLiteral("<p class=\"empty\">Not written yet.</p>\n");
        else
            for (const QString& para : s.text.trimmed().split(QStringLiteral("\n\n")))
                out += QStringLiteral("<p>%1</p>\n")
                           .arg(para.toHtmlEscaped().replace('\n', QStringLiteral("<br>")));
        if (s.key != PostmortemSectionKey::Impact)
            continue;
        for (int n = 0; n < doc.charts.size(); ++n) {
            const PostmortemChart& c = doc.charts[n];
            const QString src = imageNames ? QStringLiteral("chart-%1.png").arg(n + 1)
                                           : QStringLiteral("data:image/png;base64,") +
                                                 QString::fromLatin1(png(c.image).toBase64());
            out += QStringLiteral(
                       "<p><img src=\"%1\" width=\"%2\" alt=\"%3\"><br><i>%3 "
                       "(incident window shaded)</i></p>\n")
                       .arg(src)
                       .arg(std::min(c.image.width(), 640))
                       .arg(c.title.toHtmlEscaped());
        }
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
    for (int n = 0; n < doc.charts.size(); ++n)
        text.addResource(QTextDocument::ImageResource,
                         QUrl(QStringLiteral("chart-%1.png").arg(n + 1)), doc.charts[n].image);
    text.setHtml(postmortemHtml(doc, true));
    text.print(&pdf);
    if (!QFile::exists(path) || QFile(path).size() == 0) {
        *error = QStringLiteral("Cannot write the PDF to %1.").arg(path);
        return false;
    }
    return true;
}

bool writePostmortemMarkdown(PostmortemDocument doc, const QString& path, QString* error)
{
    if (!doc.charts.isEmpty()) {
        const QFileInfo info(path);
        const QString folder = info.completeBaseName() + QStringLiteral("-charts");
        if (!info.dir().mkpath(folder)) {
            *error =
                QStringLiteral("Cannot create %1 for the charts.").arg(info.dir().filePath(folder));
            return false;
        }
        for (int n = 0; n < doc.charts.size(); ++n) {
            PostmortemChart& c = doc.charts[n];
            c.file = QStringLiteral("%1/chart-%2.png").arg(folder).arg(n + 1);
            if (!c.image.save(info.dir().filePath(c.file), "PNG")) {
                *error =
                    QStringLiteral("Cannot write the chart %1.").arg(info.dir().filePath(c.file));
                return false;
            }
        }
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(postmortemMarkdown(doc).toUtf8()) < 0 ||
        !file.commit()) {
        *error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool writePostmortemHtml(const PostmortemDocument& doc, const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(postmortemHtml(doc).toUtf8()) < 0 ||
        !file.commit()) {
        *error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

}  // namespace wf
