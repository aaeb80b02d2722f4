// Two consoles (two main windows, each with its own incident file and
// token) on one simulator: an incident declared on one appears on the
// other, a note typed on the other comes back, and the same postmortem
// section typed on both while one was offline shows the conflict in the
// editor, with theirs and the choice, until someone makes it.
#include "health_store.h"
#include "incident_controller.h"
#include "incident_list_model.h"
#include "incident_log.h"
#include "incident_sync.h"
#include "incidents_view.h"
#include "main_window.h"
#include "postmortem_editor.h"
#include "sim_fixture.h"
#include "timeline_model.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace wf;
using namespace wf::test;

namespace {

bool hasNote(const TimelineModel* t, const QString& text)
{
    for (const TimelineEntry& e : t->all())
        if (e.kind == TimelineKind::Note && e.text == text)
            return true;
    return false;
}

void typeInto(PostmortemEditor* pm, const QString& text)
{
    pm->showSection(PostmortemSectionKey::RootCause);
    pm->editor()->selectAll();
    QTest::keyClicks(pm->editor(), text);
}

}  // namespace

class TestIncidentSharingGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void twoConsolesWorkOneIncident()
    {
        SimFixture sim(simOptions(QStringLiteral("demo"), 1, 12));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        QTemporaryDir dirA, dirB;
        auto config = [&](const QString& role) {
            EndpointConfig c;
            c.target = sim.endpoint();
            c.token = sim.token(role);
            return c;
        };
        MainWindow a;
        a.openAuditLog(dirA.filePath(QStringLiteral("audit.sqlite")));
        a.resize(1280, 800);
        a.show();
        a.connectTo(config(QStringLiteral("incident-commander")));
        MainWindow b;
        b.openAuditLog(dirB.filePath(QStringLiteral("audit.sqlite")));
        b.resize(1280, 800);
        b.show();
        b.connectTo(config(QStringLiteral("operator")));
        IncidentController* ia = a.incidents();
        IncidentController* ib = b.incidents();
        ia->sync()->setPassIntervalMs(200);
        ib->sync()->setPassIntervalMs(200);
        a.showTab(QStringLiteral("incidents"));
        b.showTab(QStringLiteral("incidents"));
        QTRY_VERIFY_WITH_TIMEOUT(a.store()->latestMs() > 0, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(ib->view()->syncLabel()->text().contains("shared"), 15000);

        Incident declared;
        declared.title = QStringLiteral("Checkout errors in us-east");
        declared.severity = Severity::Sev2;
        declared.journeys = {QStringLiteral("checkout-availability")};
        declared.regions = {QStringLiteral("us-east")};
        declared.milestones.startedMs = a.store()->latestMs() - 5 * 60'000;
        const QString id = ia->declare(declared);
        QTRY_VERIFY_WITH_TIMEOUT(ib->incidents()->incident(id) != nullptr, 15000);
        QCOMPARE(ib->incidents()->incident(id)->title, declared.title);

        // B types a note; A sees it on its timeline.
        ib->view()->selectIncident(id);
        ia->view()->selectIncident(id);
        QTest::keyClicks(ib->view()->noteField(), QStringLiteral("us-east LB health checks red"));
        QTest::keyClick(ib->view()->noteField(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(
            hasNote(ia->timeline(), QStringLiteral("us-east LB health checks red")), 15000);

        // The same section typed on both while B is offline.
        PostmortemEditor* pa = ia->postmortem();
        PostmortemEditor* pb = ib->postmortem();
        QTRY_COMPARE_WITH_TIMEOUT(pa->incidentId(), id, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(pb->incidentId(), id, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(pb->steps()->count(), 11, 5000);
        ia->view()->panes()->setCurrentWidget(pa);
        ib->view()->panes()->setCurrentWidget(pb);
        ib->stopSharing();
        typeInto(pa, QStringLiteral("Expired certificate on the us-east load balancer."));
        pa->saveNow();
        typeInto(pb, QStringLiteral("A config push drained us-east."));
        pb->saveNow();
        QTRY_VERIFY_WITH_TIMEOUT(
            ia->view()->syncLabel()->text() == QStringLiteral("Incidents shared with the platform"),
            10000);
        ib->startSharing(config(QStringLiteral("operator")));
        QLabel* conflict = pb->conflict();
        QTRY_VERIFY_WITH_TIMEOUT(conflict->isVisible(), 20000);
        QVERIFY2(conflict->text().contains(QStringLiteral("Expired certificate")),
                 qPrintable(conflict->text()));
        QVERIFY(conflict->text().contains(QStringLiteral("another console")));
        QVERIFY(ib->view()->syncLabel()->text().contains(QStringLiteral("edited elsewhere")));
        // B's text is still B's; A's is still A's.
        QCOMPARE(pb->editor()->toPlainText(), QStringLiteral("A config push drained us-east."));
        QCOMPARE(pa->editor()->toPlainText(),
                 QStringLiteral("Expired certificate on the us-east load balancer."));

        // B takes theirs: B's editor and file have A's text, nothing goes back.
        QTest::mouseClick(pb->findChild<QPushButton*>(QStringLiteral("takeTheirs")),
                          Qt::LeftButton);
        QVERIFY(!conflict->isVisible());
        QCOMPARE(pb->editor()->toPlainText(),
                 QStringLiteral("Expired certificate on the us-east load balancer."));
        QTRY_VERIFY_WITH_TIMEOUT(!ib->view()->syncLabel()->text().contains("edited elsewhere"),
                                 10000);
        // Typing on after taking theirs saves normally (no stale revision).
        QTest::keyClicks(pb->editor(), QStringLiteral(" Renewed at 14:20."));
        pb->saveNow();
        QTRY_VERIFY2_WITH_TIMEOUT(
            pa->editor()->toPlainText().endsWith("Renewed at 14:20."),
            qPrintable(pa->editor()->toPlainText() + " | " + pb->editor()->toPlainText() + " | " +
                       pb->saveState()->text()),
            15000);
        QVERIFY(!pb->conflict()->isVisible());
        QVERIFY(!pa->conflict()->isVisible());
        a.incidents()->log()->flush();
        b.incidents()->log()->flush();
    }
};

QTEST_MAIN(TestIncidentSharingGui)
#include "tst_incident_sharing_gui.moc"
