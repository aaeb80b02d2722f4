// The incident's details and declare dialogs, driven as a person would: an
// impossible order of milestones is said in words and nothing is saved; a
// possible one is, with the roles as typed; journeys and regions are ticked
// from the platform's lists; an earlier start in the future is refused.
#include "affected_picker.h"
#include "declare_incident_dialog.h"
#include "incident_details_dialog.h"
#include "status_update_dialog.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>

using namespace wf;

namespace {

constexpr qint64 k1400 = 1'795'615'200'000;  // 2026-11-25 14:00 UTC
constexpr qint64 kMin = 60'000;

void setTime(IncidentDetailsDialog& d, Milestone m, qint64 ms)
{
    d.milestoneSet(m)->setChecked(true);
    d.milestoneTime(m)->setDateTime(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
}

}  // namespace

class TestIncidentDetailsGui : public QObject {
    Q_OBJECT
private slots:
    void impossibleTimesAreRefusedInWords()
    {
        Incident i;
        i.id = newIncidentRecordId();
        i.title = QStringLiteral("Checkout errors");
        i.status = IncidentStatus::Identified;
        i.roles.commander = QStringLiteral("dana");
        i.milestones.startedMs = k1400;
        i.milestones.detectedMs = k1400 + 5 * kMin;
        IncidentDetailsDialog d(i, k1400 + 60 * kMin);
        d.show();
        QCOMPARE(d.roleField(IncidentRole::Commander)->text(), QStringLiteral("dana"));
        QVERIFY(!d.milestoneSet(Milestone::Acknowledged)->isChecked());
        QVERIFY(!d.milestoneTime(Milestone::Acknowledged)->isEnabled());

        // Acknowledged before it was detected.
        setTime(d, Milestone::Acknowledged, k1400 + 2 * kMin);
        QTest::keyClicks(d.roleField(IncidentRole::Scribe), QStringLiteral("lee"));
        QTest::mouseClick(d.saveButton(), Qt::LeftButton);
        QVERIFY(d.isVisible());
        QCOMPARE(d.result(), int(QDialog::Rejected));
        QVERIFY2(d.problem()->text().contains(QStringLiteral("Acknowledged (14:02) is before "
                                                             "Detected (14:05)")),
                 qPrintable(d.problem()->text()));

        // Resolved while the status says Identified.
        setTime(d, Milestone::Acknowledged, k1400 + 7 * kMin);
        setTime(d, Milestone::Mitigated, k1400 + 20 * kMin);
        setTime(d, Milestone::Resolved, k1400 + 30 * kMin);
        QTest::mouseClick(d.saveButton(), Qt::LeftButton);
        QVERIFY(d.isVisible());
        QVERIFY2(d.problem()->text().contains(QStringLiteral("status is Identified")),
                 qPrintable(d.problem()->text()));

        // In the future.
        d.milestoneSet(Milestone::Resolved)->setChecked(false);
        setTime(d, Milestone::Mitigated, k1400 + 90 * kMin);
        QTest::mouseClick(d.saveButton(), Qt::LeftButton);
        QVERIFY(d.isVisible());
        QVERIFY2(!d.problem()->text().isEmpty(), "a mitigation after now");

        setTime(d, Milestone::Mitigated, k1400 + 20 * kMin);
        QTest::mouseClick(d.saveButton(), Qt::LeftButton);
        QCOMPARE(d.result(), int(QDialog::Accepted));
        const Incident out = d.incident();
        QCOMPARE(out.roles, (IncidentRoles{"dana", "", "lee"}));
        QCOMPARE(out.milestones.acknowledgedMs, std::optional<qint64>(k1400 + 7 * kMin));
        QCOMPARE(out.milestones.mitigatedMs, std::optional<qint64>(k1400 + 20 * kMin));
        QVERIFY(!out.milestones.resolvedMs);
        QCOMPARE(out.id, i.id);
    }

    void titleJourneysAndRegionsAreEditedByTicking()
    {
        Incident i;
        i.id = newIncidentRecordId();
        i.title = QStringLiteral("Checkout errors");
        i.journeys = {QStringLiteral("checkout-availability"), QStringLiteral("search-latency")};
        i.milestones.startedMs = k1400;
        const QVector<QPair<QString, QString>> journeys{
            {QStringLiteral("checkout-availability"), QStringLiteral("Checkout availability")},
            {QStringLiteral("payment-authorization"), QStringLiteral("Payment authorization")}};
        const QStringList regions{QStringLiteral("us-east"), QStringLiteral("eu-west")};
        IncidentDetailsDialog d(i, k1400 + 60 * kMin, journeys, regions);
        d.show();
        QListWidget* js = d.affected()->journeyList();
        // The platform's journeys by name, and the one it does not list kept, marked.
        QCOMPARE(js->count(), 3);
        QCOMPARE(js->item(0)->text(), QStringLiteral("Checkout availability"));
        QCOMPARE(js->item(0)->checkState(), Qt::Checked);
        QCOMPARE(js->item(1)->checkState(), Qt::Unchecked);
        QVERIFY(js->item(2)->text().contains(QStringLiteral("not listed by the platform")));
        // None ticked in regions: all of them.
        QCOMPARE(d.affected()->regions(), QStringList());

        js->item(1)->setCheckState(Qt::Checked);
        js->item(2)->setCheckState(Qt::Unchecked);
        d.affected()->regionList()->item(1)->setCheckState(Qt::Checked);
        d.titleField()->clear();
        QTest::mouseClick(d.saveButton(), Qt::LeftButton);
        QVERIFY(d.isVisible());
        QVERIFY2(d.problem()->text().contains(QStringLiteral("needs a title")),
                 qPrintable(d.problem()->text()));
        QTest::keyClicks(d.titleField(), QStringLiteral("Card payments refused"));
        QTest::mouseClick(d.saveButton(), Qt::LeftButton);
        QCOMPARE(d.result(), int(QDialog::Accepted));
        const Incident out = d.incident();
        QCOMPARE(out.title, QStringLiteral("Card payments refused"));
        QCOMPARE(out.journeys, (QStringList{QStringLiteral("checkout-availability"),
                                            QStringLiteral("payment-authorization")}));
        QCOMPARE(out.regions, QStringList{QStringLiteral("eu-west")});
    }

    void declaringNamesTheRolesAndAnEarlierStart()
    {
        const QVector<QPair<QString, QString>> journeys{
            {QStringLiteral("payment-authorization"), QStringLiteral("Payment authorization")}};
        DeclareIncidentDialog d(journeys, {QStringLiteral("eu-west")}, QStringLiteral("ic@sim"),
                                k1400);
        d.show();
        QVERIFY(!d.declareButton()->isEnabled());
        QTest::keyClicks(d.titleField(), QStringLiteral("Card payments refused in eu-west"));
        QVERIFY(d.declareButton()->isEnabled());
        d.affected()->journeyList()->item(0)->setCheckState(Qt::Checked);
        QTest::keyClicks(d.roleField(IncidentRole::CommunicationsLead), QStringLiteral("noor"));
        QTest::keyClicks(d.roleField(IncidentRole::Scribe), QStringLiteral("lee"));
        // A start in the future is refused in words.
        d.startedEarlier()->setChecked(true);
        d.startedTime()->setDateTime(QDateTime::fromMSecsSinceEpoch(k1400 + 5 * kMin, Qt::UTC));
        QTest::mouseClick(d.declareButton(), Qt::LeftButton);
        QVERIFY(d.isVisible());
        QVERIFY2(d.problem()->text().contains(QStringLiteral("cannot have started in the future")),
                 qPrintable(d.problem()->text()));
        d.startedTime()->setDateTime(QDateTime::fromMSecsSinceEpoch(k1400 - 20 * kMin, Qt::UTC));
        QTest::mouseClick(d.declareButton(), Qt::LeftButton);
        QCOMPARE(d.result(), int(QDialog::Accepted));
        const Incident out = d.incident();
        QCOMPARE(out.journeys, QStringList{QStringLiteral("payment-authorization")});
        QCOMPARE(out.regions, QStringList());
        QCOMPARE(out.roles, (IncidentRoles{"ic@sim", "noor", "lee"}));
        QCOMPARE(out.milestones.startedMs, std::optional<qint64>(k1400 - 20 * kMin));
    }

    void statusUpdateOffersTheCadence()
    {
        Incident i;
        i.id = newIncidentRecordId();
        i.title = QStringLiteral("Checkout errors");
        i.severity = Severity::Sev1;
        i.declaredMs = k1400;
        StatusUpdateDraft draft = prefillStatusUpdate(i, {}, k1400);
        StatusUpdateDialog d(i, draft, k1400, 30);
        d.show();
        QCOMPARE(d.everyField()->value(), 30);
        QCOMPARE(d.draft().nextUpdateMs, k1400 + 30 * kMin);
        // Every 15 minutes: the proposed next update follows.
        d.everyField()->setValue(15);
        QCOMPARE(d.everyMinutes(), 15);
        QCOMPARE(d.draft().nextUpdateMs, k1400 + 15 * kMin);
    }
};

QTEST_MAIN(TestIncidentDetailsGui)
#include "tst_incident_details_gui.moc"
