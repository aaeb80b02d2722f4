// The Trends view on a simulator with 90 days of backfilled history,
// deploys, flag changes and incidents, driven through the real window
// offscreen: the figures the view shows are the report's (every SLO column,
// the overall rows, the weekly severity counts as charted, incidents by
// service and week, the longest incidents, action items by owner, deploys
// and flag changes per week), the incidents and flag changes in range are
// as many as the platform itself lists, the report is plausible for what
// the simulator made (incidents dip the SLOs, some deploys failed, causes
// recur), the change failure window can be changed, and the report exports.
#include "incident_calls.h"
#include "incident_controller.h"
#include "incident_list_model.h"
#include "main_window.h"
#include "platform_channel.h"
#include "sim_fixture.h"
#include "slo_trend_model.h"
#include "timestamp_conversion.h"
#include "trends_controller.h"
#include "trends_view.h"
#include "watchfloor/v1/flag.grpc.pb.h"

#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedBarSeries>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

using namespace wf;
using namespace wf::test;

class TestTrendsGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void ninetyDaysOnTheBackfilledPlatform()
    {
        QTemporaryDir dir;
        SimulatorOptions options = simOptions(QStringLiteral("quiet-day"), 1, 3);
        options.extraArguments = {QStringLiteral("--history-days"), QStringLiteral("90")};
        SimFixture sim(options);
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        EndpointConfig config;
        config.target = sim.endpoint();
        config.token = sim.token(QStringLiteral("operator"));
        MainWindow window;
        window.openAuditLog(dir.filePath(QStringLiteral("audit.sqlite")));
        window.resize(1280, 800);
        window.show();
        window.connectTo(config);
        // The backfilled incidents are shared into this console's store.
        QTRY_VERIFY_WITH_TIMEOUT(window.incidents()->incidents()->rowCount() >= 10, 60000);
        int settled = -1;
        QTRY_VERIFY_WITH_TIMEOUT(
            std::exchange(settled, window.incidents()->incidents()->rowCount()) ==
                window.incidents()->incidents()->rowCount(),
            10000);
        window.showTab(QStringLiteral("trends"));
        TrendsController* trends = window.trends();
        TrendsView* view = trends->view();
        QSignalSpy shown(trends, &TrendsController::reportShown);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 30000);
        shown.clear();
        view->rangeBox()->setCurrentIndex(view->rangeBox()->findData(90));
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 30000);
        const TrendsReport& r = view->report();
        QCOMPARE((r.toMs - r.fromMs) / (24 * 3600'000), 90);

        // The SLO table shows the report's figures: per journey its overall
        // row (the regions' events added up), then its 3 regions.
        QAbstractItemModel* slo = view->sloTable()->model();
        QCOMPARE(slo->rowCount(), 20);
        QCOMPARE(r.slo.size(), 20);
        for (int row = 0; row < slo->rowCount(); ++row) {
            const SloTrend& t = r.slo[row];
            QVERIFY(t.valid > 0);
            QCOMPARE(t.overall, row % 4 == 0);
            if (t.overall) {
                QCOMPARE(t.valid,
                         r.slo[row + 1].valid + r.slo[row + 2].valid + r.slo[row + 3].valid);
                QCOMPARE(t.good, r.slo[row + 1].good + r.slo[row + 2].good + r.slo[row + 3].good);
            }
            QCOMPARE(slo->index(row, SloTrendModel::RegionColumn).data().toString(),
                     t.overall ? QStringLiteral("All regions") : t.region);
            QCOMPARE(slo->index(row, SloTrendModel::ObjectiveColumn).data().toString(),
                     SloTrendModel::percentText(t.objective, 2));
            QCOMPARE(slo->index(row, SloTrendModel::AttainmentColumn).data().toString(),
                     SloTrendModel::percentText(t.attainment));
            QCOMPARE(slo->index(row, SloTrendModel::BudgetColumn).data().toString(),
                     SloTrendModel::percentText(t.budgetRemaining, 1));
            QCOMPARE(slo->index(row, SloTrendModel::PageColumn).data().toString(),
                     SloTrendModel::hoursText(t.pageMs));
            QCOMPARE(slo->index(row, SloTrendModel::TicketColumn).data().toString(),
                     SloTrendModel::hoursText(t.ticketMs));
        }
        // Incidents: as many as the platform holds that started in the range.
        QVector<Incident> platformIncidents;
        QVERIFY(IncidentCalls(config).list(&platformIncidents).ok());
        int startedInRange = 0;
        for (const Incident& i : platformIncidents) {
            const qint64 at = i.milestones.startedMs.value_or(i.declaredMs);
            startedInRange += at >= r.fromMs && at < r.toMs;
        }
        QVERIFY2(r.incidents.size() >= 10, qPrintable(QString::number(r.incidents.size())));
        QCOMPARE(int(r.incidents.size()), startedInRange);
        QVERIFY(view->incidentSummary()->text().startsWith(
            QStringLiteral("%1 incidents").arg(r.incidents.size())));
        // Per week by severity, as the stacked chart draws it.
        auto* perWeek = view->findChild<QChartView*>(QStringLiteral("incidentsPerWeek"));
        QVERIFY(perWeek);
        auto* stacked = qobject_cast<QStackedBarSeries*>(perWeek->chart()->series().value(0));
        QVERIFY(stacked);
        QCOMPARE(stacked->count(), 4);
        int weeklyTotal = 0;
        for (int s = 0; s < 4; ++s) {
            QCOMPARE(stacked->barSets()[s]->count(), r.perWeek.size());
            for (int w = 0; w < r.perWeek.size(); ++w) {
                QCOMPARE(int(stacked->barSets()[s]->at(w)), r.perWeek[w].bySeverity[size_t(s)]);
                weeklyTotal += r.perWeek[w].bySeverity[size_t(s)];
            }
        }
        QCOMPARE(weeklyTotal, int(r.incidents.size()));
        // By service and week: the table is the report's.
        QStandardItemModel* services = view->serviceModel();
        QCOMPARE(services->rowCount(), r.byServicePerWeek.services.size());
        QCOMPARE(services->columnCount(), 2 + r.byServicePerWeek.weeks.size());
        int byServiceTotal = 0;
        for (int k = 0; k < services->rowCount(); ++k) {
            QCOMPARE(services->item(k, 0)->text(), r.byServicePerWeek.services[k]);
            int total = 0;
            for (int w = 0; w < r.byServicePerWeek.weeks.size(); ++w) {
                const int n = r.byServicePerWeek.counts[k][w];
                QCOMPARE(services->item(k, 2 + w)->text(), n ? QString::number(n) : QString());
                total += n;
            }
            QCOMPARE(services->item(k, 1)->text(), QString::number(total));
            byServiceTotal += total;
        }
        QCOMPARE(byServiceTotal, int(r.incidents.size()));
        // The longest incidents and the open action items by owner.
        QStandardItemModel* longest = view->longestModel();
        QCOMPARE(longest->rowCount(), r.longest.size());
        QCOMPARE(longest->rowCount(), 5);
        for (int k = 0; k < longest->rowCount(); ++k) {
            QCOMPARE(longest->item(k, 0)->text(), severityName(r.longest[k].severity));
            QCOMPARE(longest->item(k, 1)->text(), r.longest[k].title);
            QCOMPARE(longest->item(k, 2)->text(), incidentDurationText(r.longest[k].durationMs));
            if (k > 0)
                QVERIFY(r.longest[k].durationMs <= r.longest[k - 1].durationMs);
        }
        QStandardItemModel* owners = view->ownerModel();
        QVERIFY(!r.openItems.isEmpty());
        QCOMPARE(owners->rowCount(), r.openItems.size());
        for (int k = 0; k < owners->rowCount(); ++k) {
            const OwnerItems& o = r.openItems[k];
            QCOMPARE(owners->item(k, 0)->text(), o.owner);
            QCOMPARE(owners->item(k, 1)->text(), QString::number(o.open));
            QCOMPARE(owners->item(k, 2)->text(), QString::number(o.overdue));
            QCOMPARE(owners->item(k, 3)->text(),
                     QStringLiteral("%1 days").arg(o.oldestAgeMs / (24 * 3600'000)));
        }
        QStandardItemModel* mttx = view->mttxModel();
        QCOMPARE(mttx->rowCount(), 3);
        for (int m = 0; m < 3; ++m) {
            QCOMPARE(mttx->item(m, 1)->text(), TrendsView::durationText(r.mttx[m].medianMs));
            QCOMPARE(mttx->item(m, 2)->text(), TrendsView::durationText(r.mttx[m].p90Ms));
            QCOMPARE(mttx->item(m, 4)->text(), QString::number(r.mttx[m].excluded));
        }
        QVERIFY(r.mttx[2].medianMs.has_value());
        // Some backfilled incidents were never acknowledged: excluded from MTTA.
        QVERIFY(r.mttx[1].excluded > 0);
        QCOMPARE(r.mttx[0].excluded, 0);
        // Change: deploys every week, some failed, the rate said.
        QVERIFY(r.change.deploys > 500);
        QVERIFY(r.change.failed > 0 && r.change.rolledBack > 0);
        QVERIFY(view->changeSummary()->text().contains(
            QStringLiteral("Change failure rate: %1%")
                .arg(*r.change.failureRate * 100.0, 0, 'f', 1)));
        // Flag changes per week next to the deploys: as many in production as
        // the platform lists for the range.
        QVERIFY(r.flagChangesProblem.isEmpty());
        int platformFlagChanges = 0;
        {
            QString channelError;
            auto stub =
                watchfloor::v1::FlagService::NewStub(createPlatformChannel(config, &channelError));
            watchfloor::v1::ListFlagChangesRequest req;
            req.mutable_page()->set_page_size(5000);
            setTimestampMs(req.mutable_changed()->mutable_start(), r.fromMs);
            setTimestampMs(req.mutable_changed()->mutable_end(), r.toMs);
            watchfloor::v1::ListFlagChangesResponse resp;
            grpc::ClientContext ctx;
            prepareCall(ctx, config, config.historyDeadlineMs);
            QVERIFY(stub->ListFlagChanges(&ctx, req, &resp).ok());
            QVERIFY(resp.page().next_page_token().empty());
            for (const auto& e : resp.entries())
                platformFlagChanges += e.environment() == "production";
        }
        QVERIFY(platformFlagChanges > 50);
        QCOMPARE(r.change.flagChanges, platformFlagChanges);
        QStandardItemModel* weeks = view->changeWeeksModel();
        QCOMPARE(weeks->rowCount(), r.change.deploysPerWeek.size());
        int shownFlagChanges = 0;
        for (int w = 0; w < weeks->rowCount(); ++w) {
            QCOMPARE(weeks->item(w, 1)->text(), QString::number(r.change.deploysPerWeek[w].second));
            QCOMPARE(weeks->item(w, 2)->text(),
                     QString::number(r.change.failuresPerWeek[w].second));
            shownFlagChanges += weeks->item(w, 3)->text().toInt();
        }
        QCOMPARE(shownFlagChanges, platformFlagChanges);
        // The change failure window: 2 h by default; 12 h counts more deploys
        // as failed (the history's lone rollbacks come 9-50 minutes in, so
        // none changes; more incidents fall in the window), said in the text.
        QSpinBox* changeWindow = view->changeWindowBox();
        QCOMPARE(changeWindow->value(), 2);
        QCOMPARE(r.changeWindowMs, 2 * 3600'000);
        QVERIFY(view->changeSummary()->text().contains(QStringLiteral("within 2 h after")));
        const int failedIn2h = r.change.failed;
        changeWindow->setValue(12);
        QCOMPARE(view->report().changeWindowMs, 12 * 3600'000);
        QVERIFY(view->report().change.failed >= failedIn2h);
        QVERIFY(view->changeSummary()->text().contains(QStringLiteral("within 12 h after")));
        QCOMPARE(QSettings().value(QStringLiteral("trends/changeWindowHours")).toInt(), 12);
        changeWindow->setValue(2);
        QCOMPARE(view->report().change.failed, failedIn2h);
        // Recurring causes, with the incidents behind them.
        QVERIFY(!r.recurring.isEmpty());
        QCOMPARE(view->recurrenceModel()->rowCount(), r.recurring.size());
        QCOMPARE(view->recurrenceModel()->item(0, 0)->text(), r.recurring.first().name);
        QVERIFY(r.recurring.first().count >= 2);
        QCOMPARE(view->serviceModel()->rowCount(), r.byService.size());
        // The incidents dipped the SLOs: something paged somewhere in 90 days.
        qint64 paged = 0;
        for (const SloTrend& t : r.slo)
            paged += t.pageMs;
        QVERIFY(paged > 0);

        // A custom range: whole UTC days, the end date included.
        const QDate end = QDateTime::fromMSecsSinceEpoch(r.toMs, QTimeZone::utc()).date();
        view->rangeBox()->setCurrentIndex(view->rangeBox()->findData(0));
        view->setCustomRange(end, end.addDays(-3));  // backwards: refused in words
        QTest::mouseClick(view->findChild<QPushButton*>(QStringLiteral("trendsApply")),
                          Qt::LeftButton);
        QVERIFY(view->statusLabel()->text().contains(QStringLiteral("must end after")));
        shown.clear();
        view->setCustomRange(end.addDays(-30), end.addDays(-1));
        QTest::mouseClick(view->findChild<QPushButton*>(QStringLiteral("trendsApply")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 30000);
        QCOMPARE(view->report().fromMs,
                 QDateTime(end.addDays(-30), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch());
        QCOMPARE(view->report().toMs,
                 QDateTime(end, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch());
        QCOMPARE(view->sloTable()->model()->rowCount(), 20);

        // The report exports.
        QSignalSpy messages(trends, &TrendsController::message);
        const QString pdf = dir.filePath(QStringLiteral("trends.pdf"));
        trends->exportReport(1, pdf);
        QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 20000);
        QVERIFY2(messages.first().first().toString().contains(QStringLiteral("written")),
                 qPrintable(messages.first().first().toString()));
        QVERIFY(QFileInfo(pdf).size() > 10000);
    }
};

QTEST_MAIN(TestTrendsGui)
#include "tst_trends_gui.moc"
