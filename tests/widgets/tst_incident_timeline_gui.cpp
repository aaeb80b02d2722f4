// An incident declared in the console gets its timeline written for it:
// the console's own action with its outcome, the flag change the platform
// reports, the team's note (pinned), filterable by kind; all of it still
// there after the console is closed and opened again.
#include "action_controller.h"
#include "action_item_model.h"
#include "action_items_pane.h"
#include "flag_list_model.h"
#include "health_store.h"
#include "incident_controller.h"
#include "incident_list_model.h"
#include "incident_log.h"
#include "incidents_view.h"
#include "main_window.h"
#include "postmortem_editor.h"
#include "sim_fixture.h"
#include "status_update_draft.h"
#include "taxonomy_bar.h"
#include "timeline_model.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace wf;
using namespace wf::test;

namespace {

const QString kFlag = QStringLiteral("payments.3ds-v2-flow");

bool hasEntry(const TimelineModel* t, TimelineKind kind, const QString& text,
              const QString& outcome = {})
{
    for (const TimelineEntry& e : t->all())
        if (e.kind == kind && e.text.contains(text) &&
            (outcome.isEmpty() || e.outcome.startsWith(outcome)))
            return true;
    return false;
}

}  // namespace

class TestIncidentTimelineGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void actionsAndChangesLandOnTheTimeline()
    {
        QTemporaryDir dir;
        QString incidentId;
        {
            MainWindow window;
            window.openAuditLog(dir.filePath(QStringLiteral("audit.sqlite")));
            window.resize(1280, 800);
            window.show();
            IncidentController* incidents = window.incidents();
            QAbstractItemModelTester listTester(
                incidents->incidents(), QAbstractItemModelTester::FailureReportingMode::QtTest);
            QAbstractItemModelTester timelineTester(
                incidents->timeline(), QAbstractItemModelTester::FailureReportingMode::QtTest);
            window.startSimulator(simOptions(QStringLiteral("kill-switch"), 60, 41));
            window.showTab(QStringLiteral("incidents"));
            FlagListModel* flags = window.flagModel();
            QTRY_VERIFY_WITH_TIMEOUT(
                flags->flag(kFlag) && window.actions()->session().may(QStringLiteral("flags.set")),
                20000);

            Incident declared;
            declared.title = QStringLiteral("Payments failing in eu-west");
            declared.severity = Severity::Sev1;
            declared.journeys = {QStringLiteral("payment-authorization")};
            declared.regions = {QStringLiteral("eu-west")};
            // It started ten minutes before it was declared.
            QTRY_VERIFY_WITH_TIMEOUT(window.store()->latestMs() > 0, 10000);
            declared.milestones.startedMs = window.store()->latestMs() - 10 * 60'000;
            incidentId = incidents->declare(declared);
            QTRY_COMPARE_WITH_TIMEOUT(incidents->incidents()->rowCount(), 1, 5000);
            IncidentsView* view = incidents->view();
            view->selectIncident(incidentId);
            QTRY_VERIFY_WITH_TIMEOUT(
                hasEntry(incidents->timeline(), TimelineKind::Declaration, QString()), 5000);

            // The kill switch, sent as the console sends every action.
            const Flag* flag = flags->flag(kFlag);
            ActionRequest r;
            r.kind = ActionRequest::Kind::SetFlagState;
            r.flagKey = kFlag;
            r.environment = QStringLiteral("production");
            r.region = QStringLiteral("eu-west");
            r.enabled = false;
            r.expectedVersion = flag->resourceVersion;
            r.reason = QStringLiteral("3DS v2 challenges time out");
            r.summary = QStringLiteral("Switch %1 off in production/eu-west").arg(kFlag);
            window.actionController()->submit(r);
            QTRY_VERIFY_WITH_TIMEOUT(hasEntry(incidents->timeline(), TimelineKind::ConsoleAction,
                                              r.summary, QStringLiteral("confirmed")),
                                     15000);
            // The platform's own report of the change lands too.
            QTRY_VERIFY_WITH_TIMEOUT(
                hasEntry(incidents->timeline(), TimelineKind::FlagChange, kFlag), 15000);

            // A note from the team, pinned.
            QTest::keyClicks(view->noteField(), QStringLiteral("3DS provider confirms the fault"));
            QTest::keyClick(view->noteField(), Qt::Key_Return);
            QTRY_VERIFY_WITH_TIMEOUT(hasEntry(incidents->timeline(), TimelineKind::Note,
                                              QStringLiteral("confirms the fault")),
                                     5000);
            QTableView* table = view->timelineTable();
            int noteRow = -1;
            for (int i = 0; i < incidents->timeline()->rowCount(); ++i)
                if (incidents->timeline()->at(i).kind == TimelineKind::Note)
                    noteRow = i;
            table->selectRow(noteRow);
            QTest::mouseClick(view->findChild<QPushButton*>(QStringLiteral("timelinePin")),
                              Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(std::any_of(incidents->timeline()->all().begin(),
                                                 incidents->timeline()->all().end(),
                                                 [](const TimelineEntry& e) {
                                                     return e.kind == TimelineKind::Note &&
                                                            e.pinned;
                                                 }),
                                     5000);

            // Filter by kind: only console actions.
            QComboBox* kinds = view->kindFilter();
            kinds->setCurrentIndex(kinds->findData(int(TimelineKind::ConsoleAction)));
            QVERIFY(incidents->timeline()->rowCount() >= 1);
            for (int i = 0; i < incidents->timeline()->rowCount(); ++i)
                QCOMPARE(incidents->timeline()->at(i).kind, TimelineKind::ConsoleAction);

            // The reminder says when the next status update is due; posting
            // one puts it on the timeline.
            QTRY_VERIFY_WITH_TIMEOUT(
                view->dueLabel()->isVisible() &&
                    view->dueLabel()->text().contains(QStringLiteral("SEV-1: every 30 min")),
                5000);
            kinds->setCurrentIndex(kinds->findData(-1));
            StatusUpdateDraft update = prefillStatusUpdate(
                *incidents->incidents()->incident(incidentId), incidents->timeline()->all(), 0);
            QVERIFY(update.actions.contains(r.summary));
            incidents->postStatusUpdate(incidentId, update);
            QTRY_VERIFY_WITH_TIMEOUT(hasEntry(incidents->timeline(), TimelineKind::StatusUpdate,
                                              QStringLiteral("Current conditions: SEV-1")),
                                     5000);

            // Mitigated, then resolved: the milestones follow.
            incidents->setStatus(incidentId, IncidentStatus::Mitigated);
            QTRY_COMPARE_WITH_TIMEOUT(incidents->incidents()->incident(incidentId)->status,
                                      IncidentStatus::Mitigated, 5000);
            incidents->setStatus(incidentId, IncidentStatus::Resolved);
            QTRY_COMPARE_WITH_TIMEOUT(incidents->incidents()->incident(incidentId)->status,
                                      IncidentStatus::Resolved, 5000);
            const Incident* done = incidents->incidents()->incident(incidentId);
            QVERIFY(done->milestones.mitigatedMs && done->milestones.resolvedMs);
            QVERIFY(*done->milestones.mitigatedMs <= *done->milestones.resolvedMs);

            // The postmortem, exported as Markdown with the impact and the
            // timeline in it; nobody opens the prefilled sections first, the
            // export carries them marked as not reviewed.
            PostmortemEditor* pm = incidents->postmortem();
            QTRY_COMPARE_WITH_TIMEOUT(pm->incidentId(), incidentId, 5000);
            QTRY_COMPARE_WITH_TIMEOUT(pm->steps()->count(), 11, 5000);
            QTRY_VERIFY_WITH_TIMEOUT(incidents->timeline()->all().size() >= 6, 5000);

            // An action item, through the last step's form.
            incidents->view()->panes()->setCurrentWidget(pm);
            pm->showActionItems();
            ActionItemsPane* items = pm->actionItems();
            QVERIFY(items->isVisible());
            QTest::mouseClick(items->addButton(), Qt::LeftButton);  // no title yet: said
            QVERIFY(items->problem()->text().contains(QStringLiteral("needs a title")));
            QTest::keyClicks(items->titleField(),
                             QStringLiteral("Page on 3DS challenge timeouts, not on checkout"));
            QTest::keyClicks(items->ownerField(), QStringLiteral("lee"));
            items->hasDue()->setChecked(true);
            items->dueField()->setDate(QDate(2026, 12, 9));
            items->typeBox()->setCurrentIndex(
                items->typeBox()->findData(int(ActionItemType::Detect)));
            QTest::mouseClick(items->addButton(), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(pm->actionItemModel()->rowCount(), 1, 5000);
            QVERIFY(pm->steps()->item(10)->text().contains(QStringLiteral("1 of 1 open")));
            // Changed: high priority.
            items->table()->selectRow(0);
            QCOMPARE(items->titleField()->text(),
                     QStringLiteral("Page on 3DS challenge timeouts, not on checkout"));
            items->priorityBox()->setCurrentIndex(
                items->priorityBox()->findData(int(ActionItemPriority::High)));
            QTest::mouseClick(items->saveButton(), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(pm->actionItemModel()->at(0).priority,
                                      ActionItemPriority::High, 5000);
            // The root cause and contributing factors, against the taxonomy.
            incidents->view()->panes()->setCurrentWidget(pm);
            // The Impact step shows the affected journey's chart, as the exports will.
            pm->showSection(PostmortemSectionKey::Impact);
            QCOMPARE(pm->chartsShown(), 1);
            pm->showSection(PostmortemSectionKey::RootCause);
            QCOMPARE(pm->chartsShown(), 0);
            TaxonomyBar* taxonomy = pm->taxonomy();
            QVERIFY(taxonomy->isVisible() && taxonomy->causeBox()->isVisible());
            taxonomy->causeBox()->setCurrentIndex(
                taxonomy->causeBox()->findData(QStringLiteral("change")));
            QTest::keyClicks(taxonomy->serviceField(), QStringLiteral("payments-api"));
            QTest::keyClick(taxonomy->serviceField(), Qt::Key_Return);
            pm->editor()->moveCursor(QTextCursor::End);
            QTest::keyClicks(pm->editor(), QStringLiteral("3DS v2 flow rolled out with a 2 s "
                                                          "challenge timeout."));
            pm->showSection(PostmortemSectionKey::ContributingFactors);
            QVERIFY(!taxonomy->causeBox()->isVisible());
            taxonomy->factorBox(QStringLiteral("monitoring gap"))->setChecked(true);
            QTest::keyClicks(pm->editor(), QStringLiteral("no alert on challenge timeouts"));
            pm->saveNow();
            QSignalSpy exported(incidents->log(), &IncidentLog::exported);
            const QString md = dir.filePath(QStringLiteral("postmortem.md"));
            incidents->exportPostmortem(incidentId, IncidentLog::ExportFormat::Markdown, md);
            QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 5000);
            QVERIFY2(exported[0][0].toBool(), qPrintable(exported[0][1].toString()));
            QFile file(md);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(file.readAll());
            QVERIFY2(text.contains(QStringLiteral("Customer impact from")), qPrintable(text));
            QVERIFY(text.contains(QStringLiteral("payment-authorization")));
            // The impact figures from the journey metrics, the revenue marked as an estimate.
            QVERIFY2(text.contains(QStringLiteral("min below the SLO")),
                     qPrintable(text.section(QStringLiteral("## Impact"), 1, 1).left(600)));
            QVERIFY(text.contains(QStringLiteral("Failed checkouts")));
            QVERIFY(text.contains(QStringLiteral("Revenue at risk (estimate")));
            QVERIFY(text.contains(r.summary));  // the kill switch, from the timeline
            QVERIFY(text.contains(QStringLiteral("Resolved (MTTR)")));
            // The affected journey's chart, as an image file beside the Markdown.
            const QString chartLink = QStringLiteral(
                "![Payment authorization in eu-west (incident window shaded)]"
                "(postmortem-charts/chart-1.png)");
            QVERIFY2(text.contains(chartLink),
                     qPrintable(text.section(QStringLiteral("## Impact"), 1, 1).left(900)));
            const QImage chart(dir.filePath(QStringLiteral("postmortem-charts/chart-1.png")));
            QCOMPARE(chart.size(), QSize(760, 260));
            // Drawn: the shaded window and the line cover a good part of it.
            int drawn = 0;
            for (int y = 0; y < chart.height(); y += 2)
                for (int x = 0; x < chart.width(); x += 2)
                    drawn += chart.pixelColor(x, y) != QColor(Qt::white);
            QVERIFY2(drawn > 2000, qPrintable(QString::number(drawn)));
            // The action item, with its owner, due date, priority and type.
            QVERIFY2(text.contains(QStringLiteral(
                         "| Page on 3DS challenge timeouts, not on checkout | lee | 2026-12-09 |"
                         " High | Detect |")),
                     qPrintable(text.section(QStringLiteral("## Action items"), 1)));
            // What people wrote, in the taxonomy's words; what nobody wrote
            // is said to be missing.
            QVERIFY2(text.contains(QStringLiteral("## Root cause and trigger\n\nCause: change. "
                                                  "Service: payments-api.\n3DS v2 flow")),
                     qPrintable(text.section(QStringLiteral("## Root cause"), 1, 1).left(300)));
            QVERIFY(
                text.contains(QStringLiteral("- monitoring gap: no alert on challenge "
                                             "timeouts")));
            QVERIFY(text.contains(QStringLiteral("## Where we got lucky\n\n_Not written yet._")));
            QVERIFY(text.contains(QStringLiteral("nobody has reviewed it yet")));
            window.incidents()->log()->flush();
        }
        // Closed and opened again: the incident and its timeline are there.
        MainWindow again;
        again.openAuditLog(dir.filePath(QStringLiteral("audit.sqlite")));
        again.openIncidents(dir.filePath(QStringLiteral("incidents.sqlite")));
        QTRY_COMPARE_WITH_TIMEOUT(again.incidents()->incidents()->rowCount(), 1, 5000);
        again.incidents()->view()->selectIncident(incidentId);
        QTRY_VERIFY_WITH_TIMEOUT(
            hasEntry(again.incidents()->timeline(), TimelineKind::ConsoleAction, kFlag,
                     QStringLiteral("confirmed")),
            5000);
        QVERIFY(hasEntry(again.incidents()->timeline(), TimelineKind::Note,
                         QStringLiteral("confirms the fault")));
    }
};

QTEST_MAIN(TestIncidentTimelineGui)
#include "tst_incident_timeline_gui.moc"
