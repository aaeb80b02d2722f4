// The Trends view on a simulator with 90 days of backfilled history,
// deploys and incidents, driven through the real window offscreen: the
// figures the view shows are the report's, the report is plausible for
// what the simulator made (incidents dip the SLOs, some deploys failed,
// causes recur), and the report exports.
#include "incident_controller.h"
#include "incident_list_model.h"
#include "main_window.h"
#include "sim_fixture.h"
#include "slo_trend_model.h"
#include "trends_controller.h"
#include "trends_view.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
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
        MainWindow window;
        window.openAuditLog(dir.filePath(QStringLiteral("audit.sqlite")));
        window.resize(1280, 800);
        window.show();
        SimulatorOptions options = simOptions(QStringLiteral("quiet-day"), 1, 3);
        options.extraArguments = {QStringLiteral("--history-days"), QStringLiteral("90")};
        window.startSimulator(options);
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

        // The SLO table shows the report's figures.
        QAbstractItemModel* slo = view->sloTable()->model();
        QCOMPARE(slo->rowCount(), 15);
        for (int row = 0; row < slo->rowCount(); ++row) {
            const SloTrend& t = r.slo[row];
            QVERIFY(t.valid > 0);
            QCOMPARE(slo->index(row, SloTrendModel::AttainmentColumn).data().toString(),
                     SloTrendModel::percentText(t.attainment));
            QCOMPARE(slo->index(row, SloTrendModel::BudgetColumn).data().toString(),
                     SloTrendModel::percentText(t.budgetRemaining, 1));
            QCOMPARE(slo->index(row, SloTrendModel::PageColumn).data().toString(),
                     SloTrendModel::hoursText(t.pageMs));
        }
        // Incidents: the count said, MTTx as in the report.
        QVERIFY2(r.incidents.size() >= 10, qPrintable(QString::number(r.incidents.size())));
        QVERIFY(view->incidentSummary()->text().startsWith(
            QStringLiteral("%1 incidents").arg(r.incidents.size())));
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
        QCOMPARE(view->sloTable()->model()->rowCount(), 15);

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
