// One TrendsReport from hand-made inputs (a catalog, history, deploys, flag
// changes and incidents from the store): the figures land where the view and
// the report read them (the overall row's and the change window's
// arithmetic written out), the SLO table model passes QAbstractItemModelTester and says
// its figures in words, and the exported HTML and PDF carry the figures,
// the definitions and the charts.
#include "slo_trend_model.h"
#include "trends_report.h"
#include "trends_report_export.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QFont>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace wf;

namespace {

constexpr qint64 kHour = 3600'000;
constexpr qint64 kMonday = 1'795'392'000'000;  // 2026-11-23 00:00 UTC
constexpr qint64 kFrom = kMonday - 7 * 24 * kHour;
constexpr qint64 kTo = kMonday + 7 * 24 * kHour;

PlatformCatalog catalog()
{
    PlatformCatalog c;
    JourneyDefinition j;
    j.id = QStringLiteral("payment-authorization");
    j.displayName = QStringLiteral("Payment authorization");
    j.objective = 0.99;
    c.journeys = {j};
    c.regions = {QStringLiteral("us-east"), QStringLiteral("eu-west")};
    return c;
}

TrendHistory history()
{
    TrendHistory h;
    h.fromMs = kFrom;
    h.toMs = kTo;
    h.resolutionMs = kHour;
    h.platformTimeMs = kTo;
    // us-east: 336 hours x 1,000 events, all good but hour 200 (50% failed).
    // Good = 336,000 - 500; attainment = 335,500 / 336,000 = 0.998512; allowed
    // = 1% x 336,000 = 3,360; budget left = 1 - 500 / 3,360 = 0.851190.
    QVector<HealthPoint>& us = h.series[TrendHistory::key("payment-authorization", "us-east")];
    for (int i = 0; i < 336; ++i)
        us.append({kFrom + i * kHour, qint32(kHour), i == 200 ? 500 : 1000, 1000});
    // eu-west: every hour 2% failed: attainment 0.98 (below 0.99), budget 1 - 2 = -1.
    QVector<HealthPoint>& eu = h.series[TrendHistory::key("payment-authorization", "eu-west")];
    for (int i = 0; i < 336; ++i)
        eu.append({kFrom + i * kHour, qint32(kHour), 980, 1000});
    Deploy d1;
    d1.id = QStringLiteral("dep-000001");
    d1.service = QStringLiteral("payments-api");
    d1.startedMs = kFrom + 199 * kHour;
    d1.status = DeployStatus::Succeeded;
    Deploy d2 = d1;
    d2.id = QStringLiteral("dep-000002");
    d2.startedMs = kMonday + kHour;
    d2.status = DeployStatus::RolledBack;
    d2.rollbackStartedMs = d2.startedMs + 30 * 60'000;  // 30 min after: within 2 h
    d2.finishedMs = d2.rollbackStartedMs + 2 * 60'000;
    Deploy d3 = d1;
    d3.id = QStringLiteral("dep-000003");
    d3.startedMs = kMonday + 2 * kHour;
    Deploy d4 = d1;
    d4.id = QStringLiteral("dep-000004");
    d4.startedMs = kMonday + 3 * kHour;
    // Rolled back 5 h after it started: outside the default 2 h window.
    Deploy d5 = d1;
    d5.id = QStringLiteral("dep-000005");
    d5.startedMs = kMonday + 4 * kHour;
    d5.status = DeployStatus::RolledBack;
    d5.rollbackStartedMs = d5.startedMs + 5 * kHour;
    h.deploys = {d1, d2, d3, d4, d5};
    // Flag changes: production in the first week (2) and the second (1);
    // staging (not counted); before the range (not counted).
    auto flag = [](const char* environment, qint64 at) {
        FlagChangeRecord c;
        c.key = QStringLiteral("payments.apple-pay");
        c.environment = QLatin1String(environment);
        c.region = QStringLiteral("eu-west");
        c.atMs = at;
        return c;
    };
    h.flagChanges = {flag("production", kFrom + kHour), flag("production", kFrom + 50 * kHour),
                     flag("production", kMonday + 3 * kHour), flag("staging", kMonday + kHour),
                     flag("production", kFrom - kHour)};
    return h;
}

TrendIncident incident(const QString& id, qint64 started, const QString& rootCause,
                       const QString& factors, const QString& timeline)
{
    Incident i;
    i.id = id;
    i.title = QStringLiteral("Incident ") + id;
    i.severity = Severity::Sev2;
    i.journeys = {QStringLiteral("payment-authorization")};
    i.regions = {QStringLiteral("us-east")};
    i.milestones.startedMs = started;
    i.milestones.detectedMs = started + 5 * 60'000;
    i.milestones.acknowledgedMs = started + 7 * 60'000;
    i.milestones.mitigatedMs = started + 40 * 60'000;
    i.milestones.resolvedMs = started + 60 * 60'000;
    i.declaredMs = started + 7 * 60'000;
    PostmortemSection root, contributing;
    root.key = PostmortemSectionKey::RootCause;
    root.text = rootCause;
    contributing.key = PostmortemSectionKey::ContributingFactors;
    contributing.text = factors;
    TimelineEntry e;
    e.kind = TimelineKind::Deploy;
    e.text = timeline;
    ActionItem a;
    a.title = QStringLiteral("Alert on it");
    a.owner = QStringLiteral("lee");
    a.createdMs = started + kHour;
    return trendIncident(i, {root, contributing}, {e}, {a});
}

TrendsReport report(qint64 changeWindowMs = kDefaultChangeWindowMs)
{
    const QVector<TrendIncident> incidents{
        // Started at hour 200, 1 h after dep-000001, which it names.
        incident("a", kFrom + 200 * kHour, "Cause: change. Service: payments-api.\nBad flag.",
                 "- monitoring gap: no alert", "Deploy dep-000001 of payments-api started"),
        incident("b", kMonday + 30 * kHour, "Cause: capacity. Service: payments-api.",
                 "- monitoring gap: late page\n- change: config", ""),
        // Before the range: its action item still counts as open.
        incident("c", kFrom - 48 * kHour, "Cause: data.", "", ""),
    };
    return buildTrendsReport(catalog(), history(), incidents, kTo, changeWindowMs);
}

}  // namespace

class TestTrendsReport : public QObject {
    Q_OBJECT
private slots:
    void figures()
    {
        const TrendsReport r = report();
        // Per journey: All regions, then us-east, eu-west.
        QCOMPARE(r.slo.size(), 3);
        QVERIFY(r.slo[0].overall);
        QCOMPARE(r.slo[0].region, allRegionsText());
        const SloTrend& us = r.slo[1];
        const SloTrend& eu = r.slo[2];
        QCOMPARE(us.region, QStringLiteral("us-east"));
        QVERIFY(!us.overall);
        QCOMPARE(us.valid, 336000);
        QVERIFY(qAbs(*us.attainment - 335500.0 / 336000.0) < 1e-12);
        QVERIFY(qAbs(*us.budgetRemaining - (1.0 - 500.0 / 3360.0)) < 1e-12);
        // us-east, objective 99%: hour 200 burns 50% / 1% = 50 > 14.4 (page);
        // hours 201..205 have it in their trailing 6 h: 500 / 6,000 = 8.3% ->
        // 8.3 > 6 (page); hour 206's 6 h (201-206) is clean. 6 hours paging,
        // no ticket (every other hour burns 0).
        QCOMPARE(us.pageMs, 6 * kHour);
        QCOMPARE(us.ticketMs, 0);
        // eu-west: 2% failed every hour = burn 2 in every window: never over
        // 14.4 or 6 (no page), always over 1 on 3 d and 6 h: a ticket in all
        // 336 hours. Budget 1 - 6,720 / 3,360 = -1.
        QVERIFY(qAbs(*eu.budgetRemaining - (-1.0)) < 1e-12);
        QCOMPARE(eu.pageMs, 0);
        QCOMPARE(eu.ticketMs, 336 * kHour);
        // All regions: each hour 2,000 events; failed 20 (eu) + 0 (us), hour 200
        // 20 + 500 = 520. Valid 672,000, failed 6,720 + 500 = 7,220:
        //   attainment = 664,780 / 672,000; allowed = 1% x 672,000 = 6,720;
        //   budget left = 1 - 7,220 / 6,720 = -0.0744.
        //   Hour 200: 520 / 2,000 = 26% -> 26 > 14.4: page. Hours 201..205:
        //   6 h = (520 + 5 x 20) / 12,000 = 5.17% -> 5.17 (no page), 3 d over 1
        //   too: ticket. Other hours: 20 / 2,000 = 1% -> burn exactly 1, not
        //   over 1: nothing. Page 1 h, ticket 5 h.
        const SloTrend& all = r.slo[0];
        QCOMPARE(all.valid, 672000);
        QCOMPARE(all.good, 664780);
        QVERIFY(qAbs(*all.attainment - 664780.0 / 672000.0) < 1e-12);
        QVERIFY(qAbs(*all.budgetRemaining - (1.0 - 7220.0 / 6720.0)) < 1e-12);
        QCOMPARE(all.pageMs, kHour);
        QCOMPARE(all.ticketMs, 5 * kHour);
        QCOMPARE(all.burnDown.size(), 336);
        // Two incidents in the range (c is before it); both on us-east, so on
        // the overall row's chart too.
        QCOMPARE(r.incidents.size(), 2);
        QCOMPARE(r.incidentStarts("payment-authorization", "us-east").size(), 2);
        QCOMPARE(r.incidentStarts("payment-authorization", QString()).size(), 2);
        QVERIFY(r.incidentStarts("payment-authorization", "eu-west").isEmpty());
        QCOMPARE(r.perWeek.size(), 2);
        QCOMPARE(r.perWeek[0].bySeverity[1] + r.perWeek[1].bySeverity[1], 2);
        // MTTR 60 min each.
        QCOMPARE(*r.mttx[2].medianMs, 60 * 60'000);
        QCOMPARE(r.mttx[1].count, 2);
        // Change: 5 deploys; dep-000001 named by a (1 h later, inside 2 h),
        // dep-000002 rolled back 30 min after it started; dep-000005 rolled back
        // 5 h after (outside 2 h): 2 / 5 = 40%; 2 rollbacks, 1 within the window.
        QCOMPARE(r.change.deploys, 5);
        QCOMPARE(r.change.failedIds, (QStringList{"dep-000001", "dep-000002"}));
        QCOMPARE(*r.change.failureRate, 0.4);
        QCOMPARE(r.change.rolledBack, 2);
        QCOMPARE(r.change.rolledBackInWindow, 1);
        // A 6 h window takes dep-000005's rollback in: 3 / 5 = 60%.
        const TrendsReport six = report(6 * kHour);
        QCOMPARE(six.changeWindowMs, 6 * kHour);
        QCOMPARE(*six.change.failureRate, 0.6);
        // Flag changes in production: week of Nov 16 two, week of Nov 23 one.
        QCOMPARE(r.change.flagChanges, 3);
        QCOMPARE(r.change.flagChangesPerWeek.size(), 2);
        QCOMPARE(r.change.flagChangesPerWeek[0].second, 2);
        QCOMPARE(r.change.flagChangesPerWeek[1].second, 1);
        // monitoring gap in a and b; change in a (cause) and b (factor); capacity once.
        QCOMPARE(r.recurring.size(), 2);
        QCOMPARE(r.byService.first().name, QStringLiteral("payments-api"));
        QCOMPARE(r.byService.first().count, 2);
        // Per week: a (kFrom + 200 h = Tue Nov 24 08:00) and b (kMonday + 30 h =
        // Tue Nov 24 06:00) are both in the second week: payments-api 0, then 2.
        QCOMPARE(r.byServicePerWeek.services, (QStringList{"payments-api"}));
        QCOMPARE(r.byServicePerWeek.counts[0], (QVector<int>{0, 2}));
        // Open items of every incident started before the end, c's too: lee has 3.
        QCOMPARE(r.openItems.size(), 1);
        QCOMPARE(r.openItems.first().open, 3);
    }

    void incidentAfterTheRangeFailsItsDeploy()
    {
        // A deploy 30 min before the range's end; an incident 15 min after the
        // end names it. The report's incidents do not include it (it started
        // after the range), but the deploy failed: 1 of 1.
        TrendHistory h = history();
        Deploy late;
        late.id = QStringLiteral("dep-000777");
        late.service = QStringLiteral("payments-api");
        late.startedMs = kTo - 30 * 60'000;
        late.status = DeployStatus::Succeeded;
        h.deploys = {late};
        const TrendIncident after =
            incident("late", kTo + 15 * 60'000, "Cause: change. Service: payments-api.", "",
                     "Deploy dep-000777 of payments-api started");
        const TrendsReport r = buildTrendsReport(catalog(), h, {after}, kTo);
        QVERIFY(r.incidents.isEmpty());
        QCOMPARE(r.change.failedIds, (QStringList{"dep-000777"}));
        QCOMPARE(*r.change.failureRate, 1.0);
        // Its action item is not one of the range's (it started after the end).
        QVERIFY(r.openItems.isEmpty());
    }

    void sloTableSaysItInWords()
    {
        SloTrendModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTrends(report().slo);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(1, SloTrendModel::JourneyColumn).data().toString(),
                 QStringLiteral("Payment authorization"));
        QCOMPARE(model.index(1, SloTrendModel::ObjectiveColumn).data().toString(),
                 QStringLiteral("99.00%"));
        // 335,500 / 336,000 = 99.851%.
        QCOMPARE(model.index(1, SloTrendModel::AttainmentColumn).data().toString(),
                 QStringLiteral("99.851%"));
        QCOMPARE(model.index(1, SloTrendModel::BudgetColumn).data().toString(),
                 QStringLiteral("85.1%"));
        QCOMPARE(model.index(1, SloTrendModel::PageColumn).data().toString(),
                 QStringLiteral("6 h"));
        QCOMPARE(model.index(2, SloTrendModel::AttainmentColumn).data().toString(),
                 QStringLiteral("98.000%"));
        QCOMPARE(model.index(2, SloTrendModel::BudgetColumn).data().toString(),
                 QStringLiteral("-100.0%"));
        QCOMPARE(model.index(2, SloTrendModel::TicketColumn).data().toString(),
                 QStringLiteral("336 h"));
        // The overall row: "All regions", in bold; 664,780 / 672,000 = 98.926%,
        // 1 - 7,220 / 6,720 = -7.4%.
        QCOMPARE(model.index(0, SloTrendModel::RegionColumn).data().toString(),
                 QStringLiteral("All regions"));
        QVERIFY(
            model.index(0, SloTrendModel::RegionColumn).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!model.index(1, SloTrendModel::RegionColumn).data(Qt::FontRole).isValid());
        QCOMPARE(model.index(0, SloTrendModel::AttainmentColumn).data().toString(),
                 QStringLiteral("98.926%"));
        QCOMPARE(model.index(0, SloTrendModel::BudgetColumn).data().toString(),
                 QStringLiteral("-7.4%"));
        QCOMPARE(model.index(0, SloTrendModel::TicketColumn).data().toString(),
                 QStringLiteral("5 h"));
        // Below the objective, overspent: red.
        QCOMPARE(model.index(2, SloTrendModel::AttainmentColumn)
                     .data(Qt::ForegroundRole)
                     .value<QBrush>()
                     .color(),
                 QColor(0xff, 0x6b, 0x6b));
        QVERIFY(
            !model.index(1, SloTrendModel::AttainmentColumn).data(Qt::ForegroundRole).isValid());
        QCOMPARE(SloTrendModel::hoursText(150 * 60'000), QStringLiteral("2 h 30 min"));
        model.setTrends({});
        QCOMPARE(model.rowCount(), 0);
    }

    void exportedReport()
    {
        const TrendsReport r = report();
        QImage chart(400, 200, QImage::Format_ARGB32_Premultiplied);
        chart.fill(Qt::blue);
        const QVector<TrendChartImage> charts{{QStringLiteral("Budget"), chart},
                                              {QStringLiteral("Per week"), chart},
                                              {QStringLiteral("Deploys"), chart}};
        const QString html = trendsReportHtml(r, charts);
        QVERIFY(
            html.contains(QStringLiteral("<h1>Reliability trends, 2026-11-16 to 2026-11-29</h1>")));
        QVERIFY(html.contains(QStringLiteral("<td>99.851%</td>")));
        QVERIFY(html.contains(QStringLiteral(
            "<b>Change failure rate: 40.0%</b> (2 of 5 deploys failed; 2 rolled back, 1 of them "
            "within 2 h). 3 flag changes in production.")));
        QVERIFY(html.contains(QStringLiteral("rolled back within 2 h after it started")));
        // The weekly change table: every deploy started in the week of Nov 23
        // (dep-000001 at kFrom + 199 h = Nov 24 07:00, the others on Nov 23):
        // Nov 16: 0 deploys, 0 failed, 2 flag changes; Nov 23: 5, 2, 1.
        QVERIFY(html.contains(
            QStringLiteral("<tr><td>Nov 16</td><td>0</td><td>0</td><td>2</td></tr>")));
        QVERIFY(html.contains(
            QStringLiteral("<tr><td>Nov 23</td><td>5</td><td>2</td><td>1</td></tr>")));
        // Incidents by service per week, and the overall SLO row.
        QVERIFY(
            html.contains(QStringLiteral("<tr><td>payments-api</td><td>2</td><td></td>"
                                         "<td>2</td></tr>")));
        QVERIFY(html.contains(QStringLiteral("<td>All regions</td>")));
        // The alert rule as the live alerts have it.
        QVERIFY(html.contains(QStringLiteral("own burn rate was over 14.4")));
        QVERIFY(
            html.contains(QStringLiteral("last 3 days and last 6 hours both burned at over 1")));
        QVERIFY(html.contains(QStringLiteral("time to acknowledge: detected to acknowledged")));
        QCOMPARE(html.count(QStringLiteral("src=\"data:image/png;base64,")), 3);
        QVERIFY(html.contains(QStringLiteral("<td>monitoring gap</td><td>2</td>")));

        QTemporaryDir dir;
        QString error;
        const QString pdf = dir.filePath(QStringLiteral("trends.pdf"));
        QVERIFY2(writeTrendsReportPdf(r, charts, pdf, &error), qPrintable(error));
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        QVERIFY2(!pdftotext.isEmpty(), "pdftotext (poppler-utils, installed by scripts/setup)");
        QProcess p;
        p.start(pdftotext, {pdf, QStringLiteral("-")});
        QVERIFY(p.waitForFinished(20000));
        const QString text = QString::fromUtf8(p.readAllStandardOutput()).simplified();
        for (const char* s : {"SLO attainment and error budget", "Incidents", "Change",
                              "Causes that keep coming back", "Change failure rate: 40.0%",
                              "Flag changes (production)"})
            QVERIFY2(text.contains(QLatin1String(s)), s);
        const QString pdfimages = QStandardPaths::findExecutable(QStringLiteral("pdfimages"));
        QVERIFY(!pdfimages.isEmpty());
        QProcess list;
        list.start(pdfimages, {QStringLiteral("-list"), pdf});
        QVERIFY(list.waitForFinished(20000));
        const int images =
            int(QString::fromUtf8(list.readAllStandardOutput()).trimmed().split('\n').size()) - 2;
        QVERIFY2(images >= 3, qPrintable(QString::number(images)));
        const QString htmlPath = dir.filePath(QStringLiteral("trends.html"));
        QVERIFY(writeTrendsReportHtml(r, charts, htmlPath, &error));
        QVERIFY(QFileInfo(htmlPath).size() > 1000);
    }
};

QTEST_MAIN(TestTrendsReport)
#include "tst_trends_report.moc"
