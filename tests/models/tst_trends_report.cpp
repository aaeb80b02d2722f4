// One TrendsReport from hand-made inputs (a catalog, history, deploys and
// incidents from the store): the figures land where the view and the report
// read them, the SLO table model passes QAbstractItemModelTester and says
// its figures in words, and the exported HTML and PDF carry the figures,
// the definitions and the charts.
#include "slo_trend_model.h"
#include "trends_report.h"
#include "trends_report_export.h"

#include <QAbstractItemModelTester>
#include <QBrush>
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
    Deploy d3 = d1;
    d3.id = QStringLiteral("dep-000003");
    d3.startedMs = kMonday + 2 * kHour;
    Deploy d4 = d1;
    d4.id = QStringLiteral("dep-000004");
    d4.startedMs = kMonday + 3 * kHour;
    h.deploys = {d1, d2, d3, d4};
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

TrendsReport report()
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
    return buildTrendsReport(catalog(), history(), incidents, kTo);
}

}  // namespace

class TestTrendsReport : public QObject {
    Q_OBJECT
private slots:
    void figures()
    {
        const TrendsReport r = report();
        QCOMPARE(r.slo.size(), 2);
        QCOMPARE(r.slo[0].region, QStringLiteral("us-east"));
        QCOMPARE(r.slo[0].valid, 336000);
        QVERIFY(qAbs(*r.slo[0].attainment - 335500.0 / 336000.0) < 1e-12);
        QVERIFY(qAbs(*r.slo[0].budgetRemaining - (1.0 - 500.0 / 3360.0)) < 1e-12);
        // Hour 200 burned at 50 (>= 14.4): one hour paging.
        QCOMPARE(r.slo[0].pageMs, kHour);
        // eu-west: 2% failed every hour = burn 2: no alert; 1 - 6,720 / 3,360 = -1.
        QVERIFY(qAbs(*r.slo[1].budgetRemaining - (-1.0)) < 1e-12);
        QCOMPARE(r.slo[1].pageMs, 0);
        // Two incidents in the range (c is before it); both on us-east.
        QCOMPARE(r.incidents.size(), 2);
        QCOMPARE(r.incidentStarts("payment-authorization", "us-east").size(), 2);
        QVERIFY(r.incidentStarts("payment-authorization", "eu-west").isEmpty());
        QCOMPARE(r.perWeek.size(), 2);
        QCOMPARE(r.perWeek[0].bySeverity[1] + r.perWeek[1].bySeverity[1], 2);
        // MTTR 60 min each.
        QCOMPARE(*r.mttx[2].medianMs, 60 * 60'000);
        QCOMPARE(r.mttx[1].count, 2);
        // Change: 4 deploys; dep-000001 named by a (1 h later, inside 2 h) and
        // dep-000002 rolled back: 2 / 4 = 50%.
        QCOMPARE(r.change.deploys, 4);
        QCOMPARE(r.change.failedIds, (QStringList{"dep-000001", "dep-000002"}));
        QCOMPARE(*r.change.failureRate, 0.5);
        // monitoring gap in a and b; change in a (cause) and b (factor); capacity once.
        QCOMPARE(r.recurring.size(), 2);
        QCOMPARE(r.byService.first().name, QStringLiteral("payments-api"));
        QCOMPARE(r.byService.first().count, 2);
        // Open items of every incident loaded, c's too: lee has 3.
        QCOMPARE(r.openItems.size(), 1);
        QCOMPARE(r.openItems.first().open, 3);
    }

    void sloTableSaysItInWords()
    {
        SloTrendModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTrends(report().slo);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, SloTrendModel::JourneyColumn).data().toString(),
                 QStringLiteral("Payment authorization"));
        QCOMPARE(model.index(0, SloTrendModel::ObjectiveColumn).data().toString(),
                 QStringLiteral("99.00%"));
        // 335,500 / 336,000 = 99.851%.
        QCOMPARE(model.index(0, SloTrendModel::AttainmentColumn).data().toString(),
                 QStringLiteral("99.851%"));
        QCOMPARE(model.index(0, SloTrendModel::BudgetColumn).data().toString(),
                 QStringLiteral("85.1%"));
        QCOMPARE(model.index(0, SloTrendModel::PageColumn).data().toString(),
                 QStringLiteral("1 h"));
        QCOMPARE(model.index(1, SloTrendModel::AttainmentColumn).data().toString(),
                 QStringLiteral("98.000%"));
        QCOMPARE(model.index(1, SloTrendModel::BudgetColumn).data().toString(),
                 QStringLiteral("-100.0%"));
        // Below the objective, overspent: red.
        QCOMPARE(model.index(1, SloTrendModel::AttainmentColumn)
                     .data(Qt::ForegroundRole)
                     .value<QBrush>()
                     .color(),
                 QColor(0xff, 0x6b, 0x6b));
        QVERIFY(
            !model.index(0, SloTrendModel::AttainmentColumn).data(Qt::ForegroundRole).isValid());
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
        QVERIFY(html.contains(QStringLiteral("<b>Change failure rate: 50.0%</b> (2 of 4 deploys")));
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
                              "Causes that keep coming back", "Change failure rate: 50.0%"})
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
