// The roles and times dialog, driven as a person would: an impossible order
// of milestones is said in words and nothing is saved; a possible one is,
// with the roles as typed.
#include "incident_details_dialog.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
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
};

QTEST_MAIN(TestIncidentDetailsGui)
#include "tst_incident_details_gui.moc"
