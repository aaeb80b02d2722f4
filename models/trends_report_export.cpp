#include "trends_report_export.h"

#include "redaction.h"
#include "slo_trend_model.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QTimeZone>

namespace wf {

namespace {

QString date(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd"));
}

// "Nov 3" (a week's Monday).
QString week(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("MMM d"));
}

QString tableHtml(const QStringList& headers, const QVector<QStringList>& rows)
{
    QString out = QStringLiteral("<table><tr>");
    for (const QString& h : headers)
        out += QStringLiteral("<th>%1</th>").arg(h.toHtmlEscaped());
    out += QStringLiteral("</tr>\n");
    for (const QStringList& r : rows) {
        out += QStringLiteral("<tr>");
        for (const QString& c : r)
            out += QStringLiteral("<td>%1</td>").arg(c.toHtmlEscaped());
        out += QStringLiteral("</tr>\n");
    }
    if (rows.isEmpty())
        out +=
            QStringLiteral("<tr><td colspan=\"%1\"><i>None.</i></td></tr>\n").arg(headers.size());
    return out + QStringLiteral("</table>\n");
}

QString pngBase64(const QImage& image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return QString::fromLatin1(bytes.toBase64());
}

QString definition(const QString& text)
{
    return QStringLiteral("<p class=\"def\">%1</p>\n").arg(text.toHtmlEscaped());
}

}  // namespace

QString trendsReportHtml(const TrendsReport& r, const QVector<TrendChartImage>& charts,
                         bool imageNames)
{
    auto chart = [&](int n) {
        if (n >= charts.size() || charts[n].second.isNull())
            return QString();
        const QString src =
            imageNames ? QStringLiteral("chart-%1.png").arg(n + 1)
                       : QStringLiteral("data:image/png;base64,") + pngBase64(charts[n].second);
        return QStringLiteral("<p><img src=\"%1\" width=\"640\" alt=\"%2\"></p>\n")
            .arg(src, charts[n].first.toHtmlEscaped());
    };
    QString out = QStringLiteral(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Reliability trends</title>"
        "<style>body{font-family:sans-serif;max-width:52em;margin:2em auto;color:#222}"
        "h2{border-bottom:1px solid #ccc}table{border-collapse:collapse;margin:.5em 0}"
        "td,th{border:1px solid #ccc;padding:3px 7px;text-align:left}"
        ".def{color:#666;font-size:90%}</style></head><body>\n");
    out += QStringLiteral("<h1>Reliability trends, %1 to %2</h1>\n")
               .arg(date(r.fromMs), date(r.toMs - 1));

    out += QStringLiteral("<h2>SLO attainment and error budget</h2>\n");
    QVector<QStringList> slo;
    for (const SloTrend& t : r.slo)
        slo.append({t.journeyName, t.region, SloTrendModel::percentText(t.objective, 2),
                    SloTrendModel::percentText(t.attainment),
                    SloTrendModel::percentText(t.budgetRemaining, 1),
                    SloTrendModel::hoursText(t.pageMs), SloTrendModel::hoursText(t.ticketMs)});
    out +=
        tableHtml({QStringLiteral("Journey"), QStringLiteral("Region"), QStringLiteral("Objective"),
                   QStringLiteral("Attainment"), QStringLiteral("Budget left"),
                   QStringLiteral("In page alert"), QStringLiteral("In ticket alert")},
                  slo);
    out += definition(QStringLiteral(
        "Attainment: good / valid events over the range. Budget left: 1 - failed / allowed, "
        "allowed = (1 - objective) x valid events. All regions: the regions' events added up. "
        "In page alert: hours whose own burn rate was over 14.4, or whose last 6 hours burned "
        "at over 6. In ticket alert: other hours whose last 3 days and last 6 hours both burned "
        "at over 1. Judged on hourly data, so the live alerts' 5- and 30-minute windows are "
        "not."));
    out += chart(0);

    out += QStringLiteral("<h2>Incidents</h2>\n");
    int total = 0;
    for (const WeekCounts& w : r.perWeek)
        total += w.total();
    out += QStringLiteral("<p>%1 incidents started in the range.</p>\n").arg(total);
    out += chart(1);
    QVector<QStringList> mttx;
    for (Mttx m : {Mttx::Detect, Mttx::Acknowledge, Mttx::Recover}) {
        const DurationStats& s = r.mttx[size_t(m)];
        mttx.append({mttxName(m), optionalDurationText(s.medianMs), optionalDurationText(s.p90Ms),
                     QString::number(s.count), QString::number(s.excluded), mttxDefinition(m)});
    }
    out += tableHtml(
        {QStringLiteral("Measure"), QStringLiteral("Median"), QStringLiteral("90th percentile"),
         QStringLiteral("Measured"), QStringLiteral("Excluded"), QStringLiteral("Definition")},
        mttx);
    out += definition(QStringLiteral(
        "90th percentile by nearest rank. Incidents missing a milestone a measure needs are "
        "excluded from it and counted."));
    const ServiceWeeks& sw = r.byServicePerWeek;
    QStringList serviceHeaders{QStringLiteral("Service"), QStringLiteral("Incidents")};
    for (qint64 w : sw.weeks)
        serviceHeaders.append(week(w));
    const QVector<QStringList> services = serviceWeekRows(sw);
    out += QStringLiteral("<h3>By service, per week (weeks from Monday)</h3>\n") +
           tableHtml(serviceHeaders, services);
    QVector<QStringList> longest;
    for (const LongIncident& l : r.longest)
        longest.append({severityName(l.severity), l.title, incidentDurationText(l.durationMs)});
    out += QStringLiteral("<h3>Longest</h3>\n") +
           tableHtml(
               {QStringLiteral("Severity"), QStringLiteral("Incident"), QStringLiteral("Duration")},
               longest);
    QVector<QStringList> owners;
    for (const OwnerItems& o : r.openItems)
        owners.append({o.owner, QString::number(o.open), QString::number(o.overdue),
                       QStringLiteral("%1 days").arg(o.oldestAgeMs / (24 * 3600'000))});
    out += QStringLiteral("<h3>Open action items by owner</h3>\n") +
           tableHtml({QStringLiteral("Owner"), QStringLiteral("Open"), QStringLiteral("Overdue"),
                      QStringLiteral("Oldest open")},
                     owners);

    out += QStringLiteral("<h2>Change</h2>\n");
    const ChangeStats& c = r.change;
    const QString window = SloTrendModel::hoursText(r.changeWindowMs);
    out +=
        QStringLiteral(
            "<p><b>Change failure rate: %1</b> (%2 of %3 deploys failed; %4 rolled "
            "back, %5 of them within %6). %7</p>\n")
            .arg(SloTrendModel::percentText(c.failureRate, 1))
            .arg(c.failed)
            .arg(c.deploys)
            .arg(c.rolledBack)
            .arg(c.rolledBackInWindow)
            .arg(window, r.flagChangesProblem.isEmpty()
                             ? QStringLiteral("%1 flag changes in production.").arg(c.flagChanges)
                             : QStringLiteral("Flag changes unknown: %1")
                                   .arg(r.flagChangesProblem.toHtmlEscaped()));
    out += definition(QStringLiteral("A deploy failed when it was rolled back within %1 after "
                                     "it started, or when an incident that started within %1 "
                                     "after it names it.")
                          .arg(window));
    out += chart(2);
    QVector<QStringList> weeks;
    for (int i = 0; i < c.deploysPerWeek.size(); ++i)
        weeks.append({week(c.deploysPerWeek[i].first), QString::number(c.deploysPerWeek[i].second),
                      QString::number(c.failuresPerWeek.value(i).second),
                      r.flagChangesProblem.isEmpty()
                          ? QString::number(c.flagChangesPerWeek.value(i).second)
                          : QStringLiteral("unknown")});
    out += tableHtml({QStringLiteral("Week of"), QStringLiteral("Deploys"),
                      QStringLiteral("Failed"), QStringLiteral("Flag changes (production)")},
                     weeks);

    out += QStringLiteral("<h2>Causes that keep coming back</h2>\n");
    QVector<QStringList> recurring;
    for (const NamedCount& n : r.recurring)
        recurring.append({n.name, QString::number(n.count), n.titles.join(QStringLiteral("; "))});
    out += tableHtml(
        {QStringLiteral("Cause or factor"), QStringLiteral("Incidents"), QStringLiteral("Which")},
        recurring);
    out += QStringLiteral("</body></html>\n");
    return redactSecrets(out);
}

bool writeTrendsReportHtml(const TrendsReport& report, const QVector<TrendChartImage>& charts,
                           const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(trendsReportHtml(report, charts).toUtf8()) < 0 || !file.commit()) {
        *error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool writeTrendsReportPdf(const TrendsReport& report, const QVector<TrendChartImage>& charts,
                          const QString& path, QString* error)
{
    QPdfWriter pdf(path);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    pdf.setTitle(QStringLiteral("Reliability trends"));
    pdf.setCreator(QStringLiteral("Watchfloor"));
    QTextDocument text;
    for (int n = 0; n < charts.size(); ++n)
        text.addResource(QTextDocument::ImageResource,
                         QUrl(QStringLiteral("chart-%1.png").arg(n + 1)), charts[n].second);
    text.setHtml(trendsReportHtml(report, charts, true));
    text.print(&pdf);
    if (!QFile::exists(path) || QFile(path).size() == 0) {
        *error = QStringLiteral("Cannot write the PDF to %1.").arg(path);
        return false;
    }
    return true;
}

}  // namespace wf
