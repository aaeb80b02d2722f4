// The console offers only what the role allows: a viewer's console, on the
// real simulator, disables every change (rollback, flag changes, failover,
// incidents and their postmortem) and says why where the control is; an
// operator's enables what operators may do and still not what only an
// incident commander may (failover).
#include "incident_controller.h"
#include "incidents_view.h"
#include "main_window.h"
#include "postmortem_editor.h"
#include "sim_fixture.h"

#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace wf;
using namespace wf::test;

class TestRoleGatingGui : public QObject {
    Q_OBJECT
private:
    void waitForRole(MainWindow& window, Role role)
    {
        QTRY_VERIFY_WITH_TIMEOUT(window.actions()->session().role == role, 20000);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void viewerIsOfferedNoChange()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.openAuditLog(dir.filePath(QStringLiteral("audit.sqlite")));
        window.setSimulatorRole(QStringLiteral("viewer"));
        window.show();
        window.startSimulator(simOptions(QStringLiteral("quiet-day"), 10, 2));
        waitForRole(window, Role::Viewer);
        IncidentsView* incidents = window.incidents()->view();
        QVERIFY(!incidents->declareButton()->isEnabled());
        QVERIFY2(incidents->declareButton()->toolTip().contains(
                     QStringLiteral("Your role (viewer) may not change incidents")),
                 qPrintable(incidents->declareButton()->toolTip()));
        QVERIFY(!incidents->mayWrite());
        QVERIFY(window.incidents()->postmortem()->editor()->isReadOnly());
        for (const char* name : {"rollback", "changeFlag", "failover", "failback"}) {
            auto* b = window.findChild<QPushButton*>(QLatin1String(name));
            QVERIFY2(b, name);
            QVERIFY2(!b->isEnabled(), name);
        }
        QVERIFY(!window.findChild<QPushButton*>(QStringLiteral("rollback"))->toolTip().isEmpty());
    }

    void operatorIsOfferedWhatOperatorsMayDo()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.openAuditLog(dir.filePath(QStringLiteral("audit.sqlite")));
        window.setSimulatorRole(QStringLiteral("operator"));
        window.show();
        window.startSimulator(simOptions(QStringLiteral("quiet-day"), 10, 2));
        waitForRole(window, Role::Operator);
        IncidentsView* incidents = window.incidents()->view();
        QVERIFY(incidents->declareButton()->isEnabled());
        QVERIFY(incidents->mayWrite());
        QVERIFY(!window.incidents()->postmortem()->editor()->isReadOnly());
        // Failover is the incident commander's.
        auto* failover = window.findChild<QPushButton*>(QStringLiteral("failover"));
        QVERIFY(failover && !failover->isEnabled());
    }
};

QTEST_MAIN(TestRoleGatingGui)
#include "tst_role_gating_gui.moc"
