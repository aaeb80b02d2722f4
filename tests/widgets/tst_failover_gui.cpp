// Failover through the real dialog, offscreen: the Vendors tab flags the
// discrepancy, the incident commander fails payments over in eu-west with a
// reason and the typed target name, the routing changes once the platform
// confirms, and both steps are in the audit log.
#include "action_dialog.h"
#include "audit_log_model.h"
#include "main_window.h"
#include "sim_fixture.h"
#include "vendor_grid_model.h"
#include "vendors_view.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace wf;
using namespace wf::test;

class TestFailoverGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void failoverThroughTheDialog()
    {
        QTemporaryDir data;
        MainWindow window;
        window.openAuditLog(data.filePath(QStringLiteral("audit.sqlite")));
        window.resize(1280, 800);
        window.show();
        window.startSimulator(simOptions(QStringLiteral("vendor-outage"), 60, 51));
        window.showTab(QStringLiteral("vendors"));
        VendorGridModel* vendors = window.vendorModel();
        VendorsView* view = window.vendorsView();
        const QString eu = QStringLiteral("eu-west");
        QTRY_VERIFY_WITH_TIMEOUT(view->disagreementBanner()->text().contains(
                                     QStringLiteral("breaker open, vendor says operational")),
                                 30000);
        const CategoryRouting* r = vendors->routing(VendorCategory::PaymentProvider, eu);
        QVERIFY(r);
        const QString primary = r->primaryVendorId, secondary = r->secondaryVendorId;
        view->selectCell(primary, eu);
        QTRY_VERIFY_WITH_TIMEOUT(view->failoverButton()->isEnabled(), 10000);
        QVERIFY(!view->failbackButton()->isEnabled());

        bool drove = false;
        QTimer::singleShot(100, this, [&] {
            auto* dialog = qobject_cast<ActionDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(QStringLiteral("reason")),
                             QStringLiteral("acme failing in eu-west"));
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("typedName")), secondary);
            drove = dialog->confirmButton()->isEnabled();
            QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        });
        QTest::mouseClick(view->failoverButton(), Qt::LeftButton);
        QVERIFY(drove);
        QTRY_COMPARE_WITH_TIMEOUT(
            vendors->routing(VendorCategory::PaymentProvider, eu)->servingVendorId, secondary,
            15000);
        QTRY_COMPARE_WITH_TIMEOUT(window.auditModel()->rowCount(), 2, 5000);
        QCOMPARE(window.auditModel()->entryAt(0).action, QStringLiteral("vendor.failover"));
        QCOMPARE(window.auditModel()->entryAt(0).outcome, QStringLiteral("confirmed"));
        // Now on the secondary: failback is the action on offer, failover is not.
        view->selectCell(secondary, eu);
        QTRY_VERIFY_WITH_TIMEOUT(view->failbackButton()->isEnabled(), 5000);
        QVERIFY(!view->failoverButton()->isEnabled());
    }
};

QTEST_MAIN(TestFailoverGui)
#include "tst_failover_gui.moc"
