// The connection dialog: validation in words, the token kept out of settings,
// and "Start local simulator" bringing the board to life.
#include "connection_dialog.h"
#include "connection_status_label.h"
#include "deploys_view.h"
#include "flags_view.h"
#include "health_store.h"
#include "main_window.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QtTest>

using namespace wf;

namespace {

QPushButton* buttonWithText(QWidget* parent, const QString& text)
{
    for (QPushButton* b : parent->findChildren<QPushButton*>())
        if (b->text() == text)
            return b;
    return nullptr;
}

}  // namespace

class TestConnectionDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("WatchfloorTest"));
        QCoreApplication::setApplicationName(QStringLiteral("WatchfloorTest"));
        QSettings().clear();
    }

    void badEndpointIsExplainedAndDialogStays()
    {
        ConnectionDialog dialog(EndpointConfig{});
        dialog.show();
        auto* endpoint = dialog.findChild<QLineEdit*>(QStringLiteral("endpoint"));
        QVERIFY(endpoint);
        QTest::keyClicks(endpoint, QStringLiteral("not an endpoint"));
        QPushButton* connectButton = buttonWithText(&dialog, QStringLiteral("Connect"));
        QVERIFY(connectButton);
        QTest::mouseClick(connectButton, Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        bool explained = false;
        for (QLabel* l : dialog.findChildren<QLabel*>())
            explained = explained || l->text().contains(QStringLiteral("host:port"));
        QVERIFY(explained);

        endpoint->clear();
        QTest::keyClicks(endpoint, QStringLiteral("127.0.0.1:50051"));
        QTest::mouseClick(connectButton, Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.config().target, QStringLiteral("127.0.0.1:50051"));
        QVERIFY(!dialog.startSimulatorChosen());
    }

    void startLocalSimulatorFromTheDialog()
    {
        MainWindow window;
        window.show();
        QVERIFY(!window.hasSavedEndpoint());
        // What main() does when no endpoint is configured: the dialog is
        // modal, so the click comes from a timer inside its event loop.
        bool clicked = false;
        QTimer::singleShot(50, this, [&clicked] {
            auto* dialog = qobject_cast<ConnectionDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            auto* start = dialog->findChild<QPushButton*>(QStringLiteral("startSimulator"));
            if (!start)
                return;
            clicked = true;
            QTest::mouseClick(start, Qt::LeftButton);
        });
        window.showConnectionDialog();
        QVERIFY(clicked);
        QTRY_VERIFY_WITH_TIMEOUT(window.store()->latestMs() > 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(window.connectionLabel()->status().state, ConnectionState::Live,
                                  20000);
        QVERIFY(window.connectionLabel()->text().contains(QStringLiteral("live")));
        QCOMPARE(window.store()->journeyCount(), 5);
        window.close();
        // A simulator's port changes every run: it is not saved as the endpoint.
        QVERIFY(!window.hasSavedEndpoint());
    }

    void tokenNeverReachesSettings()
    {
        const QString token = QStringLiteral("wf-secret-token-1234567890");
        {
            MainWindow window;
            EndpointConfig c;
            c.target = QStringLiteral("127.0.0.1:1");  // nothing listens there
            c.token = token;
            window.connectTo(c);
            window.show();
            QTRY_VERIFY_WITH_TIMEOUT(
                window.connectionLabel()->status().state == ConnectionState::Reconnecting, 10000);
            QVERIFY(window.connectionLabel()->text().contains(QStringLiteral("Reconnecting")));
            QVERIFY(!window.connectionLabel()->text().contains(token));
            // The deploys and flags tabs say their lists are not live, and why.
            for (QWidget* view : {static_cast<QWidget*>(window.deploysView()),
                                  static_cast<QWidget*>(window.flagsView())}) {
                auto* feed = view->findChild<QLabel*>(QStringLiteral("feedStatus"));
                QVERIFY(feed);
                QTRY_VERIFY_WITH_TIMEOUT(
                    feed->text().contains(QStringLiteral("may be out of date")), 10000);
                QVERIFY(!feed->isHidden());
                QVERIFY(!feed->text().contains(token));
            }
            window.close();
        }
        QSettings s;
        s.sync();
        QVERIFY(s.contains(QStringLiteral("endpoint/target")));
        for (const QString& key : s.allKeys())
            QVERIFY2(!s.value(key).toString().contains(token), qPrintable(key));
        QFile f(s.fileName());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains(token.toUtf8()));
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connection_dialog.moc"
