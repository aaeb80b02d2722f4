// The reconciliation tab driven as an operator would, offscreen, against the
// simulator: the selection and the rows stay put while a settlement file
// streams in; a conflict is said in words and the row refreshed; a bulk
// action through the real dialog; the last view read back offline.
#include "action_controller.h"
#include "action_dialog.h"
#include "action_executor.h"
#include "main_window.h"
#include "recon_controller.h"
#include "recon_detail_view.h"
#include "recon_offline_cache.h"
#include "recon_queue_model.h"
#include "recon_queue_view.h"
#include "sim_fixture.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace wf;
using namespace wf::test;

namespace {

QString writeBurstScenario(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("burst.json"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(R"({"name": "burst", "description": "2,000 mismatches 40 s in.",
      "events": [{"at": "40s", "recon_settlement_file":
        {"count": 2000, "provider": "payments-globex"}}]})");
    return path;
}

QString idAt(ReconQueueModel* model, int row)
{
    return model->index(row, 0).data(ReconQueueModel::MismatchIdRole).toString();
}

// Fills and confirms the next action dialog.
void driveDialog(QObject* context, const QString& reason, const QString& note, bool* drove)
{
    QTimer::singleShot(200, context, [=] {
        auto* dialog = qobject_cast<ActionDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(QStringLiteral("reason")), reason);
        if (auto* n = dialog->findChild<QLineEdit*>(QStringLiteral("reconNote")))
            QTest::keyClicks(n, note);
        *drove = dialog->confirmButton()->isEnabled();
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    });
}

}  // namespace

class TestReconGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void theQueueStaysPutWhileTheStreamChangesIt()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.openAuditLog(dir.filePath(QStringLiteral("audit.sqlite")));
        window.recon()->setCachePath(dir.filePath(QStringLiteral("recon.sqlite")));
        window.setSimulatorRole(QStringLiteral("operator"));
        window.resize(1280, 800);
        window.show();
        SimulatorOptions o = simOptions(writeBurstScenario(dir), 10, 31);
        o.extraArguments << QStringLiteral("--recon-size") << QStringLiteral("1500");
        window.startSimulator(o);
        window.showTab(QStringLiteral("recon"));
        ReconQueueModel* model = window.recon()->model();
        ReconQueueView* view = window.recon()->queueView();
        QTRY_VERIFY_WITH_TIMEOUT(model->firstPageLoaded() && model->summary().total > 0, 15000);

        // Newest first: new mismatches would land on top, so they wait.
        view->table()->sortByColumn(ReconQueueModel::AgeColumn, Qt::AscendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(model->firstPageLoaded() && model->isLoaded(10), 5000);
        view->table()->selectRow(5);
        const QString picked = idAt(model, 5);
        QVERIFY(!picked.isEmpty());
        QCOMPARE(view->currentMismatchId(), picked);
        ReconDetailView* detail = window.recon()->detailView();
        QTRY_VERIFY_WITH_TIMEOUT(detail->hasDetail() && detail->mismatchId() == picked, 5000);
        const qint64 before = model->summary().total;
        const int rowsBefore = model->rowCount();

        // The settlement file: counts follow, the rows and selection do not move.
        QTRY_VERIFY_WITH_TIMEOUT(model->pendingNew() == 2000, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(model->summary().total, before + 2000, 5000);
        QCOMPARE(model->rowCount(), rowsBefore);
        QCOMPARE(idAt(model, 5), picked);
        QCOMPARE(view->table()->currentIndex().row(), 5);
        QVERIFY(view->pendingButton()->isVisible());
        QVERIFY(view->pendingButton()->text().contains(QStringLiteral("2,000 new")));
        // The counts are redrawn a quarter of a second later at most.
        QTRY_VERIFY_WITH_TIMEOUT(
            view->countsLabel()->text().contains(QLocale().toString(before + 2000)), 2000);

        // Showing them: the new ones are on top, the picked one moved down
        // out of the loaded rows, so nothing else is selected in its place.
        QTest::mouseClick(view->pendingButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), rowsBefore + 2000, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(idAt(model, 5) != picked && !idAt(model, 5).isEmpty(), 5000);
        QVERIFY(!view->pendingButton()->isVisible());
        QVERIFY(view->table()->selectionModel()->selectedRows().isEmpty());
        QCOMPARE(detail->mismatchId(), picked);  // the pane keeps what was being read

        // Oldest first again: new ones are appended at the end.
        view->table()->sortByColumn(ReconQueueModel::AgeColumn, Qt::DescendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(model->firstPageLoaded() && model->isLoaded(10), 5000);
        QVERIFY(model->mismatchAt(0)->detectedMs <= model->mismatchAt(1)->detectedMs);
    }

    void conflictsAreSaidInWordsAndBulkGoesThroughTheDialog()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.openAuditLog(dir.filePath(QStringLiteral("audit.sqlite")));
        window.recon()->setCachePath(dir.filePath(QStringLiteral("recon.sqlite")));
        window.setSimulatorRole(QStringLiteral("operator"));
        window.resize(1280, 800);
        window.show();
        SimulatorOptions o = simOptions(QStringLiteral("quiet-day"), 10, 32);
        o.extraArguments << QStringLiteral("--recon-size") << QStringLiteral("1500");
        window.startSimulator(o);
        window.showTab(QStringLiteral("recon"));
        ReconQueueModel* model = window.recon()->model();
        ReconQueueView* view = window.recon()->queueView();
        QTRY_VERIFY_WITH_TIMEOUT(model->firstPageLoaded() && model->isLoaded(20), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(
            view->resolveButton()->isEnabled() ||
                window.actions()->session().may(QStringLiteral("recon.resolve")),
            10000);

        // It is assigned first (as a colleague would); our action carries the
        // version seen before that.
        const Mismatch seen = *model->mismatchAt(0);
        ActionRequest assign;
        assign.kind = ActionRequest::Kind::AssignMismatch;
        assign.mismatchId = seen.id;
        assign.assignee = QStringLiteral("kim@ops");
        assign.expectedVersion = seen.version;
        assign.reason = QStringLiteral("mine");
        window.actionController()->submit(assign);
        QTRY_VERIFY_WITH_TIMEOUT(model->mismatchAt(0)->assignee == QLatin1String("kim@ops"), 5000);
        window.recon()->resolve({seen}, ResolutionAction::EscalateToProvider,
                                QStringLiteral("provider must explain"), QString());
        QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(
                                     QStringLiteral("someone changed it first")),
                                 5000);
        QVERIFY(model->mismatchAt(0)->version > seen.version);
        QCOMPARE(model->mismatchAt(0)->status, MismatchStatus::Open);

        // Mark five matched at once, through the real dialog.
        view->table()->selectionModel()->clearSelection();
        for (int r = 10; r < 15; ++r)
            view->table()->selectionModel()->select(
                model->index(r, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QTRY_VERIFY_WITH_TIMEOUT(view->resolveButton()->isEnabled(), 5000);
        QStringList ids;
        for (int r = 10; r < 15; ++r)
            ids << idAt(model, r);
        bool drove = false;
        driveDialog(this, QStringLiteral("fees corrected upstream"),
                    QStringLiteral("matched after the fee table fix"), &drove);
        auto* markMatched = view->resolveButton()->menu()->findChild<QAction*>(
            QStringLiteral("reconBulk_%1").arg(int(ResolutionAction::MarkMatched)));
        QVERIFY(markMatched);
        markMatched->trigger();
        QVERIFY(drove);
        QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(
                                     QStringLiteral("Mark matched: 5 done, 0 failed")),
                                 15000);
        // Resolved in place: the rows did not move, their status did.
        for (int r = 10; r < 15; ++r) {
            QCOMPARE(idAt(model, r), ids[r - 10]);
            QCOMPARE(model->mismatchAt(r)->status, MismatchStatus::Resolved);
        }
    }

    void theLastViewCanBeReadOffline()
    {
        QTemporaryDir dir;
        const QString cachePath = dir.filePath(QStringLiteral("recon.sqlite"));
        QVector<Mismatch> saved;
        {
            MainWindow window;
            window.openAuditLog(dir.filePath(QStringLiteral("audit.sqlite")));
            window.recon()->setCachePath(cachePath);
            window.setSimulatorRole(QStringLiteral("operator"));
            window.resize(1280, 800);
            window.show();
            SimulatorOptions o = simOptions(QStringLiteral("quiet-day"), 10, 33);
            o.extraArguments << QStringLiteral("--recon-size") << QStringLiteral("800");
            window.startSimulator(o);
            window.showTab(QStringLiteral("recon"));
            ReconQueueModel* model = window.recon()->model();
            QTRY_VERIFY_WITH_TIMEOUT(model->firstPageLoaded() && model->isLoaded(0), 15000);
            // Saved a few seconds after the rows arrive.
            ReconOfflineCache reader;
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(cachePath), 10000);
            QString error;
            QVERIFY2(reader.open(cachePath, &error), qPrintable(error));
            MismatchQuery q;
            MismatchSummary summary;
            qint64 at = 0;
            QTRY_VERIFY_WITH_TIMEOUT(reader.load(&q, &saved, &summary, &at) && !saved.isEmpty(),
                                     10000);
            QCOMPARE(saved.first().id, model->mismatchAt(0)->id);
        }
        // The platform is gone: the console shows the saved rows, says so,
        // and offers nothing that would change them.
        MainWindow window;
        window.openAuditLog(dir.filePath(QStringLiteral("audit2.sqlite")));
        window.recon()->setCachePath(cachePath);
        window.resize(1280, 800);
        window.show();
        EndpointConfig dead;
        dead.target = QStringLiteral("127.0.0.1:1");
        window.connectTo(dead);
        window.showTab(QStringLiteral("recon"));
        ReconQueueModel* model = window.recon()->model();
        ReconQueueView* view = window.recon()->queueView();
        QTRY_VERIFY_WITH_TIMEOUT(model->showingSnapshot(), 20000);
        QCOMPARE(model->rowCount(), int(saved.size()));
        QCOMPARE(model->mismatchAt(0)->id, saved.first().id);
        auto* offline = view->findChild<QLabel*>(QStringLiteral("reconOffline"));
        QVERIFY(offline && offline->isVisible());
        QVERIFY(offline->text().contains(QStringLiteral("OFFLINE")));
        view->table()->selectRow(0);
        QVERIFY(!view->resolveButton()->isEnabled());
        QVERIFY(!view->assignButton()->isEnabled());
        QVERIFY(view->resolveButton()->toolTip().startsWith(QStringLiteral("Offline")));
    }
};

QTEST_MAIN(TestReconGui)
#include "tst_recon_gui.moc"
