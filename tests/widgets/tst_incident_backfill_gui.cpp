// What happened before anyone declared the incident is on its timeline: a
// bad deploy goes out and payment authorization pages; the incident declared
// afterwards carries the deploy and the alert crossing, and is detected when
// the page fired (not when it was declared). A rollback sent while two
// incidents are open lands on both; a resolved incident gets nothing new. A
// vendor's breaker and routing changes and the failover land as they happen.
#include "action_controller.h"
#include "deploy_list_model.h"
#include "health_store.h"
#include "incident_controller.h"
#include "incident_list_model.h"
#include "incident_log.h"
#include "incidents_view.h"
#include "main_window.h"
#include "sim_fixture.h"
#include "timeline_model.h"
#include "vendor_grid_model.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace wf;
using namespace wf::test;

namespace {

const QString kVersion = QStringLiteral("2026.11.25-7");

const Deploy* badDeploy(const DeployListModel* deploys)
{
    for (int row = 0; row < deploys->rowCount(); ++row) {
        const Deploy& d = deploys->deployAt(row);
        if (d.version == kVersion && d.service == QLatin1String("payments-api") &&
            d.region == QLatin1String("eu-west"))
            return &d;
    }
    return nullptr;
}

int count(const QVector<TimelineEntry>& timeline, TimelineKind kind, const QString& text)
{
    return int(std::count_if(timeline.begin(), timeline.end(), [&](const TimelineEntry& e) {
        return e.kind == kind && e.text.contains(text);
    }));
}

}  // namespace

class TestIncidentBackfillGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void whatHappenedBeforeTheDeclarationIsOnTheTimeline()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.openAuditLog(dir.filePath(QStringLiteral("audit.sqlite")));
        window.resize(1280, 800);
        window.show();
        window.startSimulator(simOptions(QStringLiteral("bad-deploy"), 120, 43));
        IncidentController* incidents = window.incidents();
        HealthStore* health = window.store();
        QTRY_VERIFY_WITH_TIMEOUT(health->journeyCount() > 0, 20000);
        const int j = health->catalog().journeyIndex(QStringLiteral("payment-authorization"));
        const int r = health->catalog().regionIndex(QStringLiteral("eu-west"));
        QVERIFY(j >= 0 && r >= 0);
        // The deploy goes out and payment authorization pages, with no incident open.
        QTRY_VERIFY_WITH_TIMEOUT(badDeploy(window.deployModel()), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(health->status(j, r).level, AlertLevel::Page, 60000);
        const qint64 paged = health->latestMs();
        QCOMPARE(incidents->incidents()->rowCount(), 0);

        // Declared a while later, with no start time given.
        QTRY_VERIFY_WITH_TIMEOUT(health->latestMs() >= paged + 2 * 60'000, 20000);
        Incident declared;
        declared.title = QStringLiteral("Card payments refused in eu-west");
        declared.severity = Severity::Sev1;
        declared.journeys = {QStringLiteral("payment-authorization")};
        declared.regions = {QStringLiteral("eu-west")};
        const QString first = incidents->declare(declared);
        QTRY_COMPARE_WITH_TIMEOUT(incidents->incidents()->rowCount(), 1, 5000);
        incidents->view()->selectIncident(first);
        const auto timeline = [&] { return incidents->timeline()->all(); };
        // The deploy (seen before the declaration) and the page that fired.
        QTRY_VERIFY_WITH_TIMEOUT(count(timeline(), TimelineKind::Deploy,
                                       QStringLiteral("payments-api ") + kVersion) >= 1,
                                 5000);
        QVERIFY(count(timeline(), TimelineKind::AlertCrossing,
                      QStringLiteral("Payment authorization in eu-west")) >= 1);
        const QVector<TimelineEntry> seen = timeline();
        for (const TimelineEntry& e : seen)
            QVERIFY(!e.source.isEmpty());
        // Detected when the page fired, not when it was declared: MTTD is real.
        const Incident* i = incidents->incidents()->incident(first);
        QVERIFY(i->milestones.detectedMs && i->milestones.acknowledgedMs);
        QVERIFY2(*i->milestones.detectedMs <= paged,
                 qPrintable(QString::number(paged - *i->milestones.detectedMs)));
        QVERIFY(*i->milestones.acknowledgedMs - *i->milestones.detectedMs >= 2 * 60'000);
        QCOMPARE(*i->milestones.startedMs, *i->milestones.detectedMs);

        // A second incident, open too, and a third, resolved.
        Incident other;
        other.title = QStringLiteral("Support queue overloaded");
        other.severity = Severity::Sev3;
        const QString second = incidents->declare(other);
        Incident old;
        old.title = QStringLiteral("Earlier blip");
        old.severity = Severity::Sev4;
        const QString third = incidents->declare(old);
        QTRY_COMPARE_WITH_TIMEOUT(incidents->incidents()->rowCount(), 3, 5000);
        incidents->setStatus(third, IncidentStatus::Resolved);
        QTRY_COMPARE_WITH_TIMEOUT(incidents->incidents()->incident(third)->status,
                                  IncidentStatus::Resolved, 5000);

        // The rollback, sent as the console sends every action.
        QTRY_VERIFY_WITH_TIMEOUT(
            window.actions()->session().may(QStringLiteral("deploys.rollback")), 10000);
        ActionRequest rb;
        rb.kind = ActionRequest::Kind::RollbackDeploy;
        rb.reason = QStringLiteral("valid cards refused since this deploy");
        rb.summary = QStringLiteral("Roll back payments-api %1 in eu-west").arg(kVersion);
        bool confirmed = false;
        for (int attempt = 0; attempt < 5 && !confirmed; ++attempt) {
            rb.deployId = badDeploy(window.deployModel())->id;
            rb.expectedVersion = badDeploy(window.deployModel())->resourceVersion;
            window.actionController()->submit(rb);
            // A canary step between reading and sending is refused as stale: try again.
            QTest::qWait(1500);
            incidents->log()->flush();
            const QVector<TimelineEntry> now = timeline();
            confirmed = std::any_of(now.begin(), now.end(), [&](const TimelineEntry& e) {
                return e.kind == TimelineKind::ConsoleAction && e.text.contains(rb.summary) &&
                       e.outcome.startsWith(QStringLiteral("confirmed"));
            });
        }
        QVERIFY(confirmed);
        incidents->log()->flush();
        // On both open incidents; not on the resolved one.
        for (const QString& id : {second, third}) {
            QSignalSpy spy(incidents->log(), &IncidentLog::timelineLoaded);
            incidents->log()->loadTimeline(id);
            QTRY_VERIFY_WITH_TIMEOUT(!spy.isEmpty(), 5000);
            const auto entries = spy.last().at(1).value<QVector<TimelineEntry>>();
            QCOMPARE(count(entries, TimelineKind::ConsoleAction, rb.summary) > 0, id == second);
        }
        // Seen again (a reload, a resumed feed): written once.
        QCOMPARE(
            count(timeline(), TimelineKind::Deploy,
                  QStringLiteral("payments-api %1 in eu-west by dana: In progress").arg(kVersion)),
            1);
    }

    // A vendor failing: its breaker and status page changes land on the open
    // incident, and so does the failover the commander sends, with its outcome.
    void vendorChangesAndTheFailoverLandOnTheTimeline()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.openAuditLog(dir.filePath(QStringLiteral("audit.sqlite")));
        window.resize(1280, 800);
        window.show();
        window.startSimulator(simOptions(QStringLiteral("vendor-outage"), 60, 47));
        IncidentController* incidents = window.incidents();
        QTRY_VERIFY_WITH_TIMEOUT(window.store()->latestMs() > 0, 20000);
        Incident declared;
        declared.title = QStringLiteral("Card payments failing in eu-west");
        declared.severity = Severity::Sev2;
        declared.journeys = {QStringLiteral("payment-authorization")};
        declared.regions = {QStringLiteral("eu-west")};
        const QString id = incidents->declare(declared);
        QTRY_COMPARE_WITH_TIMEOUT(incidents->incidents()->rowCount(), 1, 5000);
        incidents->view()->selectIncident(id);
        const auto has = [&](TimelineKind kind, const QString& text, const QString& outcome) {
            const QVector<TimelineEntry> all = incidents->timeline()->all();
            return std::any_of(all.begin(), all.end(), [&](const TimelineEntry& e) {
                return e.kind == kind && e.text.contains(text) && e.outcome.startsWith(outcome) &&
                       !e.source.isEmpty();
            });
        };
        // acme's breaker opens in eu-west (3 min in, within a minute).
        QTRY_VERIFY_WITH_TIMEOUT(
            has(TimelineKind::VendorStatusChange, QStringLiteral("in eu-west: breaker"), QString()),
            30000);

        QTRY_VERIFY_WITH_TIMEOUT(
            window.actions()->session().may(QStringLiteral("vendors.failover")), 10000);
        const CategoryRouting* routing = window.vendorModel()->routing(
            VendorCategory::PaymentProvider, QStringLiteral("eu-west"));
        QVERIFY(routing);
        ActionRequest over;
        over.kind = ActionRequest::Kind::Failover;
        over.category = VendorCategory::PaymentProvider;
        over.region = QStringLiteral("eu-west");
        over.targetVendorId = routing->secondaryVendorId;
        over.expectedVersion = routing->resourceVersion;
        over.reason = QStringLiteral("acme failing in eu-west; globex healthy");
        over.summary = QStringLiteral("Fail payment providers in eu-west over to %1")
                           .arg(routing->secondaryVendorId);
        window.actionController()->submit(over);
        QTRY_VERIFY_WITH_TIMEOUT(
            has(TimelineKind::ConsoleAction, over.summary, QStringLiteral("confirmed")), 15000);
        // The platform's own routing change follows.
        QTRY_VERIFY_WITH_TIMEOUT(has(TimelineKind::VendorStatusChange,
                                     QStringLiteral("in eu-west failed over to"), QString()),
                                 15000);
    }
};

QTEST_MAIN(TestIncidentBackfillGui)
#include "tst_incident_backfill_gui.moc"
