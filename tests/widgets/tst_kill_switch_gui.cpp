// A kill switch flipped through the real dialog, offscreen: reason typed,
// name typed, pending and then done on the row, two audit entries, and the
// journey recovering. An operator sees the action unavailable.
#include "action_dialog.h"
#include "action_executor.h"
#include "audit_log_model.h"
#include "flag_list_model.h"
#include "flags_view.h"
#include "health_store.h"
#include "main_window.h"
#include "record_filter_model.h"
#include "sim_fixture.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace wf;
using namespace wf::test;

namespace {
const QString kFlag = QStringLiteral("payments.3ds-v2-flow");
}

class TestKillSwitchGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void flipThroughTheDialog()
    {
        QTemporaryDir data;
        MainWindow window;
        window.openAuditLog(data.filePath(QStringLiteral("audit.sqlite")));
        window.resize(1280, 800);
        window.show();
        // The local simulator, with its incident-commander token, as --demo does.
        window.startSimulator(simOptions(QStringLiteral("kill-switch"), 60, 31));
        FlagListModel* flags = window.flagModel();
        QTRY_VERIFY_WITH_TIMEOUT(flags->flag(kFlag), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(window.flagsView()->changeButton()->isEnabled() ||
                                     window.flagsView()->selectedFlagKey().isEmpty(),
                                 10000);
        // Wait until the scenario has switched it on and authorization is hurting.
        QTRY_VERIFY_WITH_TIMEOUT(
            flags->flag(kFlag)
                ->state(QStringLiteral("production"), QStringLiteral("eu-west"))
                ->enabled,
            20000);
        const int payment =
            window.store()->catalog().journeyIndex(QStringLiteral("payment-authorization"));
        const int euWest = window.store()->catalog().regionIndex(QStringLiteral("eu-west"));
        QTRY_VERIFY_WITH_TIMEOUT(window.store()->status(payment, euWest).sliNow < 0.95, 30000);

        window.tabs()->setCurrentWidget(window.flagsView());
        window.flagsView()->selectFlag(kFlag);
        QCOMPARE(window.flagsView()->selectedFlagKey(), kFlag);
        QTRY_VERIFY_WITH_TIMEOUT(window.flagsView()->changeButton()->isEnabled(), 10000);

        // Record every state the row's action cell shows.
        QStringList actionStates;
        const int row = flags->rowOf(kFlag);
        connect(flags, &QAbstractItemModel::dataChanged, this, [&] {
            const QString s =
                flags->index(flags->rowOf(kFlag), FlagListModel::ActionColumn).data().toString();
            if (!s.isEmpty() && (actionStates.isEmpty() || actionStates.last() != s))
                actionStates << s;
        });
        Q_UNUSED(row);

        bool drove = false;
        QString blockedWithoutName;
        QTimer::singleShot(100, this, [&] {
            auto* dialog = qobject_cast<ActionDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            dialog->findChild<QComboBox*>(QStringLiteral("flagEnvironment"))
                ->setCurrentText(QStringLiteral("production"));
            dialog->findChild<QComboBox*>(QStringLiteral("flagRegion"))
                ->setCurrentText(QStringLiteral("eu-west"));
            auto* state = dialog->findChild<QComboBox*>(QStringLiteral("flagState"));
            state->setCurrentIndex(state->findData(false));
            QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(QStringLiteral("reason")),
                             QStringLiteral("3DS v2 challenges time out in eu-west"));
            // With a reason but without the typed name, it cannot be sent.
            blockedWithoutName = dialog->confirmButton()->isEnabled() ? QStringLiteral("enabled")
                                                                      : QStringLiteral("disabled");
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("typedName")), kFlag);
            drove = dialog->confirmButton()->isEnabled();
            QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        });
        QTest::mouseClick(window.flagsView()->changeButton(), Qt::LeftButton);
        QVERIFY(drove);
        QCOMPARE(blockedWithoutName, QStringLiteral("disabled"));

        QTRY_VERIFY_WITH_TIMEOUT(
            !actionStates.isEmpty() && actionStates.last().startsWith(QStringLiteral("Done")),
            15000);
        QVERIFY2(actionStates.first().startsWith(QStringLiteral("Pending: off production eu-west")),
                 qPrintable(actionStates.join(" | ")));
        QTRY_VERIFY_WITH_TIMEOUT(
            !flags->flag(kFlag)
                 ->state(QStringLiteral("production"), QStringLiteral("eu-west"))
                 ->enabled,
            10000);

        // Audited when sent and when confirmed, chained and redacted.
        QTRY_COMPARE_WITH_TIMEOUT(window.auditModel()->rowCount(), 2, 5000);
        QCOMPARE(window.auditModel()->entryAt(0).outcome, QStringLiteral("confirmed"));
        QCOMPARE(window.auditModel()->entryAt(1).outcome, QStringLiteral("requested"));
        QCOMPARE(window.auditModel()->entryAt(0).idempotencyKey,
                 window.auditModel()->entryAt(1).idempotencyKey);
        QCOMPARE(window.auditModel()->entryAt(0).actor, QStringLiteral("ic@sim"));
        QCOMPARE(window.auditModel()->entryAt(0).reason,
                 QStringLiteral("3DS v2 challenges time out in eu-west"));

        // A change made from a stale view is refused, and the console says so in words.
        ActionRequest stale;
        stale.kind = ActionRequest::Kind::SetFlagState;
        stale.flagKey = kFlag;
        stale.environment = QStringLiteral("production");
        stale.region = QStringLiteral("us-east");
        stale.enabled = false;
        stale.expectedVersion = flags->flag(kFlag)->resourceVersion - 1;
        stale.reason = QStringLiteral("from an old screen");
        stale.summary = QStringLiteral("Switch payments.3ds-v2-flow off in production/us-east");
        window.actions()->submit(stale);
        QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(
                                     QStringLiteral("someone changed it first")),
                                 10000);
        QVERIFY(window.statusBar()->currentMessage().contains(
            QStringLiteral("now at version %1").arg(flags->flag(kFlag)->resourceVersion)));

        // The journey recovers: the flag's effect drains in a minute.
        QTRY_VERIFY_WITH_TIMEOUT(window.store()->status(payment, euWest).sliNow > 0.998, 40000);
    }

    void operatorCannotTouchKillSwitches()
    {
        SimFixture sim(simOptions(QStringLiteral("kill-switch"), 10, 32));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        MainWindow window;
        window.show();
        EndpointConfig c;
        c.target = sim.endpoint();
        c.token = sim.token(QStringLiteral("operator"));
        window.connectTo(c);
        QTRY_VERIFY_WITH_TIMEOUT(window.flagModel()->flag(kFlag), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(window.actions()->session().role == Role::Operator, 10000);
        window.flagsView()->selectFlag(kFlag);
        QVERIFY(!window.flagsView()->changeButton()->isEnabled());
        QVERIFY2(window.flagsView()->changeButton()->toolTip().contains(
                     QStringLiteral("may not switch kill switches")),
                 qPrintable(window.flagsView()->changeButton()->toolTip()));
        // A release flag is fine for an operator.
        window.flagsView()->selectFlag(QStringLiteral("cart.saved-for-later"));
        QVERIFY(window.flagsView()->changeButton()->isEnabled());
    }
};

QTEST_MAIN(TestKillSwitchGui)
#include "tst_kill_switch_gui.moc"
