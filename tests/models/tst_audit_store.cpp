// The local audit log: append-only, hash-chained, redacted, exportable.
#include "audit_log_model.h"
#include "audit_store.h"
#include "redaction.h"

#include <QAbstractItemModelTester>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace wf;

namespace {

AuditEntry entry(const QString& action, const QString& reason, const QString& outcome)
{
    AuditEntry e;
    e.actor = QStringLiteral("ic@sim");
    e.role = QStringLiteral("incident commander");
    e.action = action;
    e.target = QStringLiteral("deploy dep-000042 (payments-api 2026.11.25-7 in eu-west)");
    e.reason = reason;
    e.idempotencyKey = QStringLiteral("5d0c5b1e-0000-4000-8000-000000000001");
    e.outcome = outcome;
    e.detail = QStringLiteral("attempt 1");
    return e;
}

// Opens the file behind the store's back, as someone with the sqlite3 tool would.
QSqlDatabase raw(const QString& path)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
    db.setDatabaseName(path);
    db.open();
    return db;
}

}  // namespace

class TestAuditStore : public QObject {
    Q_OBJECT
private slots:
    void createsSchemaInWalMode()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
        {
            AuditStore store;
            QString error;
            QVERIFY2(store.open(path, &error), qPrintable(error));
        }
        {
            QSqlDatabase db = raw(path);
            QSqlQuery q(db);
            q.exec(QStringLiteral("PRAGMA user_version"));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), AuditStore::kSchemaVersion);
            q.exec(QStringLiteral("PRAGMA journal_mode"));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        // Opening again (already migrated) is fine.
        AuditStore again;
        QString error;
        QVERIFY2(again.open(path, &error), qPrintable(error));
    }

    void chainVerifiesAndChangedRowIsDetected()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
        AuditStore store;
        QString error;
        QVERIFY(store.open(path, &error));
        for (int i = 0; i < 5; ++i)
            QVERIFY2(store.append(
                         entry(QStringLiteral("flag.set"), QStringLiteral("reason %1").arg(i),
                               i % 2 ? QStringLiteral("confirmed") : QStringLiteral("requested")),
                         &error),
                     qPrintable(error));
        const QVector<AuditEntry> rows = store.readAll();
        QCOMPARE(rows.size(), qsizetype(5));
        QVERIFY(rows[0].prevHash.isEmpty());
        for (int i = 1; i < 5; ++i)
            QCOMPARE(rows[i].prevHash, rows[i - 1].hash);
        AuditVerification v = store.verify();
        QVERIFY2(v.ok, qPrintable(v.message));
        QCOMPARE(v.rows, qint64(5));

        // The triggers refuse changes made through SQL...
        {
            QSqlDatabase db = raw(path);
            QSqlQuery q(db);
            QVERIFY(
                !q.exec(QStringLiteral("UPDATE audit_entries SET reason='nothing' WHERE id=3")));
            QVERIFY(q.lastError().text().contains(QStringLiteral("append-only")));
            QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_entries WHERE id=2")));
            // ...so a tamperer drops them first, and changes a row.
            QVERIFY(q.exec(QStringLiteral("DROP TRIGGER audit_no_update")));
            QVERIFY(q.exec(
                QStringLiteral("UPDATE audit_entries SET reason='nothing to see' WHERE id=3")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        v = store.verify();
        QVERIFY(!v.ok);
        QCOMPARE(v.firstBadId, qint64(3));
        QVERIFY2(v.message.contains(QStringLiteral("entry 3 was changed")), qPrintable(v.message));
    }

    void removedRowIsDetected()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
        AuditStore store;
        QString error;
        QVERIFY(store.open(path, &error));
        for (int i = 0; i < 4; ++i)
            store.append(entry(QStringLiteral("deploy.rollback"), QStringLiteral("r"),
                               QStringLiteral("confirmed")),
                         &error);
        {
            QSqlDatabase db = raw(path);
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DROP TRIGGER audit_no_delete")));
            QVERIFY(q.exec(QStringLiteral("DELETE FROM audit_entries WHERE id=2")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        const AuditVerification v = store.verify();
        QVERIFY(!v.ok);
        QCOMPARE(v.firstBadId, qint64(3));
        QVERIFY2(v.message.contains(QStringLiteral("entry 2 is missing")), qPrintable(v.message));
    }

    void secretsNeverReachTheLogOrTheExport()
    {
        QTemporaryDir dir;
        AuditStore store;
        QString error;
        QVERIFY(store.open(dir.filePath(QStringLiteral("audit.sqlite")), &error));
        AuditEntry e = entry(QStringLiteral("flag.set"),
                             QStringLiteral("customer card 4111 1111 1111 1111 failed; "
                                            "Authorization: Bearer wf-ic-0123456789abcdef"),
                             QStringLiteral("requested"));
        e.detail = QStringLiteral("=HYPERLINK(\"http://x\"), token=abc123");
        const auto stored = store.append(e, &error);
        QVERIFY(stored);
        QVERIFY(!stored->reason.contains(QStringLiteral("4111 1111 1111 1111")));
        QVERIFY(stored->reason.contains(QStringLiteral("************1111")));
        QVERIFY(!stored->reason.contains(QStringLiteral("wf-ic-0123456789abcdef")));
        const QString csv = dir.filePath(QStringLiteral("audit.csv"));
        QVERIFY2(store.exportCsv(csv, &error), qPrintable(error));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.startsWith(QStringLiteral("id,time_utc,actor")));
        QVERIFY(!text.contains(QStringLiteral("4111111111111111")));
        QVERIFY(!text.contains(QStringLiteral("wf-ic-0123456789abcdef")));
        QVERIFY(!text.contains(QStringLiteral("abc123")));
        QVERIFY2(text.contains(QStringLiteral("\"'=HYPERLINK")), qPrintable(text));  // no formula
        QVERIFY(store.verify().ok);
    }

    void modelShowsNewestFirst()
    {
        AuditLogModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVector<AuditEntry> entries;
        for (int i = 1; i <= 3; ++i) {
            AuditEntry e = entry(QStringLiteral("flag.set"), QStringLiteral("r%1").arg(i),
                                 QStringLiteral("requested"));
            e.id = i;
            entries.append(e);
        }
        model.setEntries(entries);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.entryAt(0).id, qint64(3));
        AuditEntry next =
            entry(QStringLiteral("flag.set"), QStringLiteral("r4"), QStringLiteral("confirmed"));
        next.id = 4;
        model.addEntry(next);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0, AuditLogModel::ReasonColumn).data().toString(),
                 QStringLiteral("r4"));
        QCOMPARE(model.index(3, AuditLogModel::ReasonColumn).data().toString(),
                 QStringLiteral("r1"));
    }

    void redaction_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("visa spaced") << "card 4111 1111 1111 1111 ok"
                                     << "card ************1111 ok";
        QTest::newRow("mastercard dashed") << "5500-0000-0000-0004"
                                           << "************0004";
        QTest::newRow("amex 15") << "378282246310005"
                                 << "***********0005";
        QTest::newRow("not luhn: order id kept") << "order 1234567890123456"
                                                 << "order 1234567890123456";
        QTest::newRow("12 digits kept") << "ref 411111111111"
                                        << "ref 411111111111";
        QTest::newRow("20 digits kept") << "41111111111111111111"
                                        << "41111111111111111111";
        QTest::newRow("bearer") << "Authorization: Bearer abc.def-123"
                                << "Authorization: [redacted]";
        QTest::newRow("api key") << "api_key=\"s3cr3t\" next"
                                 << "api_key=[redacted] next";
        QTest::newRow("plain text") << "rolled back payments-api"
                                    << "rolled back payments-api";
    }

    void redaction()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(redactSecrets(in), out);
    }
};

QTEST_GUILESS_MAIN(TestAuditStore)
#include "tst_audit_store.moc"
