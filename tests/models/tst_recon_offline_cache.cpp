// ReconOfflineCache: the last view of the reconciliation queue in SQLite.
// Round trip, replace, the row cap, migration from an empty file, a newer
// schema refused, integrity, money as integers, and nothing card-like on disk.
#include "recon_offline_cache.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace wf;

namespace {

constexpr qint64 kSavedAt = 1'700'000'000'000;

Mismatch mismatch(int i)
{
    Mismatch m;
    m.id = QStringLiteral("mm-%1").arg(i);
    m.type = MismatchType(1 + i % 9);
    m.rawType = 1 + i % 9;
    m.status = i % 2 ? MismatchStatus::Escalated : MismatchStatus::Open;
    m.providerId = QStringLiteral("payments-acme");
    m.region = QStringLiteral("eu-west");
    m.orderId = QStringLiteral("ord-%1").arg(i);
    m.providerReference = QStringLiteral("ch_%1").arg(i);
    m.amount = {900719925474099312 - i, i % 3 ? QStringLiteral("EUR") : QStringLiteral("JPY")};
    m.detectedMs = kSavedAt - i * 1000;
    m.assignee = i % 4 ? QString() : QStringLiteral("dana");
    m.version = i + 1;
    m.summary = QStringLiteral("Zahlung für Müller #%1").arg(i);
    m.pendingApprovalId = i % 5 ? QString() : QStringLiteral("ap-%1").arg(i);
    m.problem = i == 3 ? QStringLiteral("unknown currency code \"E$\"") : QString();
    return m;
}

QVector<Mismatch> mismatches(int n)
{
    QVector<Mismatch> rows;
    for (int i = 0; i < n; ++i)
        rows.append(mismatch(i));
    return rows;
}

MismatchQuery query()
{
    MismatchQuery q;
    q.filter.types = {MismatchType::AmountMismatch, MismatchType::DuplicateCapture};
    q.filter.statuses = {MismatchStatus::Escalated};
    q.filter.providerIds = {QStringLiteral("payments-acme")};
    q.filter.regions = {QStringLiteral("eu-west"), QStringLiteral("us-east")};
    q.filter.currencies = {QStringLiteral("EUR")};
    q.filter.minAmountMinor = 100;
    q.filter.maxAmountMinor = 900719925474099312;
    q.filter.minAgeSeconds = 60;
    q.filter.maxAgeSeconds = 86400;
    q.filter.assignee = QStringLiteral("-");
    q.filter.text = QStringLiteral("ord-1");
    q.sort = MismatchSort::Amount;
    q.descending = true;
    return q;
}

MismatchSummary summary()
{
    MismatchSummary s;
    s.total = 12345;
    s.platformMs = kSavedAt - 5;
    s.types = {{MismatchType::AmountMismatch, 12000, {{150000, "EUR"}, {9000, "JPY"}}},
               {MismatchType::FeeDiscrepancy, 345, {}},
               {MismatchType::Unknown, 0, {{-5, "USD"}}}};
    return s;
}

bool sameSummary(const MismatchSummary& a, const MismatchSummary& b)
{
    if (a.total != b.total || a.platformMs != b.platformMs || a.types.size() != b.types.size())
        return false;
    for (qsizetype i = 0; i < a.types.size(); ++i)
        if (a.types[i].type != b.types[i].type || a.types[i].count != b.types[i].count ||
            a.types[i].totals != b.types[i].totals)
            return false;
    return true;
}

bool sameRow(const Mismatch& a, const Mismatch& b)
{
    return a.id == b.id && a.type == b.type && a.rawType == b.rawType && a.status == b.status &&
           a.providerId == b.providerId && a.region == b.region && a.orderId == b.orderId &&
           a.providerReference == b.providerReference && a.amount == b.amount &&
           a.detectedMs == b.detectedMs && a.assignee == b.assignee && a.version == b.version &&
           a.summary == b.summary && a.pendingApprovalId == b.pendingApprovalId &&
           a.problem == b.problem;
}

QByteArray bytesOnDisk(const QString& path)
{
    QByteArray all;
    for (const QString& p : {path, path + "-wal", path + "-journal"}) {
        QFile f(p);
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

}  // namespace

class TestReconOfflineCache : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString path(const QString& name) const { return dir_.filePath(name); }

private slots:
    void roundTrip()
    {
        ReconOfflineCache cache;
        QString error;
        QVERIFY2(cache.open(path("roundtrip.db"), &error), qPrintable(error));
        MismatchQuery q;
        QVector<Mismatch> rows;
        MismatchSummary s;
        qint64 savedAt = -1;
        QVERIFY(!cache.load(&q, &rows, &s, &savedAt, &error));  // nothing saved yet
        QVERIFY2(error.isEmpty(), qPrintable(error));

        QVERIFY2(cache.save(query(), mismatches(50), summary(), kSavedAt, &error),
                 qPrintable(error));
        QVERIFY2(cache.load(&q, &rows, &s, &savedAt, &error), qPrintable(error));
        QCOMPARE(savedAt, kSavedAt);
        QVERIFY(q == query());
        QVERIFY(sameSummary(s, summary()));
        QCOMPARE(rows.size(), 50);
        for (int i = 0; i < rows.size(); ++i)
            QVERIFY2(sameRow(rows[i], mismatch(i)), qPrintable(QString::number(i)));

        // It survives closing and reopening.
        cache.close();
        ReconOfflineCache again;
        QVERIFY2(again.open(path("roundtrip.db"), &error), qPrintable(error));
        QVERIFY(again.load(&q, &rows, &s, &savedAt, &error));
        QCOMPARE(rows.size(), 50);
        QVERIFY(sameRow(rows[49], mismatch(49)));
    }

    void saveReplacesAndCaps()
    {
        ReconOfflineCache cache;
        QString error;
        QVERIFY(cache.open(path("replace.db"), &error));
        QVERIFY(cache.save(query(), mismatches(ReconOfflineCache::kMaxRows + 10), summary(),
                           kSavedAt, &error));
        MismatchQuery q;
        QVector<Mismatch> rows;
        MismatchSummary s;
        qint64 savedAt = 0;
        QVERIFY(cache.load(&q, &rows, &s, &savedAt, &error));
        QCOMPARE(rows.size(), ReconOfflineCache::kMaxRows);  // the last view, not a mirror
        QVERIFY(sameRow(rows.last(), mismatch(ReconOfflineCache::kMaxRows - 1)));

        QVector<Mismatch> fewer = mismatches(3);
        fewer[1].summary = QStringLiteral("changed since");
        QVERIFY(cache.save({}, fewer, {}, kSavedAt + 60000, &error));
        QVERIFY(cache.load(&q, &rows, &s, &savedAt, &error));
        QCOMPARE(savedAt, kSavedAt + 60000);
        QVERIFY(q == MismatchQuery());
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[1].summary, QStringLiteral("changed since"));
        QVERIFY(s.types.isEmpty());
        QCOMPARE(s.total, 0);
        QVERIFY2(cache.checkIntegrity(&error), qPrintable(error));
    }

    void migratesAnEmptyFile()
    {
        const QString p = path("empty.db");
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly));  // zero bytes, as a crash could leave it
        f.close();
        ReconOfflineCache cache;
        QString error;
        QVERIFY2(cache.open(p, &error), qPrintable(error));
        QVERIFY(cache.save(query(), mismatches(2), summary(), kSavedAt, &error));
        QVERIFY2(cache.checkIntegrity(&error), qPrintable(error));
        cache.close();

        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "inspect-empty");
        db.setDatabaseName(p);
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec("PRAGMA user_version") && q.next());
            QCOMPARE(q.value(0).toInt(), ReconOfflineCache::kSchemaVersion);
            QVERIFY(q.exec("PRAGMA journal_mode") && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            // Money is integers, never REAL.
            QVERIFY(
                q.exec("SELECT DISTINCT typeof(amount_minor) FROM mismatches "
                       "UNION SELECT DISTINCT typeof(amount_minor) FROM summary_totals"));
            QStringList types;
            while (q.next())
                types << q.value(0).toString();
            QCOMPARE(types, QStringList{"integer"});
            QVERIFY(!q.exec("UPDATE mismatches SET amount_minor = 1.5"));  // refused
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase("inspect-empty");
    }

    void refusesANewerSchema()
    {
        const QString p = path("future.db");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "make-future");
            db.setDatabaseName(p);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec("CREATE TABLE mismatches_v9 (x TEXT)"));
            QVERIFY(q.exec("PRAGMA user_version = 9"));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase("make-future");
        ReconOfflineCache cache;
        QString error;
        QVERIFY(!cache.open(p, &error));
        QVERIFY(!cache.isOpen());
        QVERIFY2(error.contains("written by a newer Watchfloor (schema 9; this one reads up to 1)"),
                 qPrintable(error));
        QVERIFY(!cache.save(query(), mismatches(1), summary(), kSavedAt, &error));
        QCOMPARE(error, QStringLiteral("The offline reconciliation cache is not open."));
    }

    void refusesAFileThatIsNotADatabase()
    {
        const QString p = path("garbage.db");
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        ReconOfflineCache cache;
        QString error;
        QVERIFY(!cache.open(p, &error));
        QVERIFY2(error.startsWith("Cannot read the offline reconciliation cache"),
                 qPrintable(error));
    }

    void nothingCardLikeOnDisk()
    {
        const QString p = path("pan.db");
        ReconOfflineCache cache;
        QString error;
        QVERIFY(cache.open(p, &error));
        QVector<Mismatch> rows = mismatches(3);
        rows[0].summary = QStringLiteral("card 4111 1111 1111 1111 declined, token=abc123");
        rows[1].providerReference = QStringLiteral("4111111111111111");
        rows[2].orderId = QStringLiteral("1234567812345678");  // fails Luhn: an order number
        MismatchQuery q = query();
        q.filter.text = QStringLiteral("4111-1111-1111-1111");  // typed into the search
        QVERIFY(cache.save(q, rows, summary(), kSavedAt, &error));

        const QByteArray bytes = bytesOnDisk(p);
        QVERIFY(!bytes.isEmpty());
        for (const char* pan :
             {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "abc123"})
            QVERIFY2(!bytes.contains(pan), pan);
        QVERIFY(bytes.contains("1234567812345678"));

        MismatchQuery loadedQuery;
        QVector<Mismatch> loaded;
        MismatchSummary s;
        qint64 savedAt = 0;
        QVERIFY(cache.load(&loadedQuery, &loaded, &s, &savedAt, &error));
        QCOMPARE(loaded[0].summary,
                 QStringLiteral("card ************1111 declined, token=[redacted]"));
        QCOMPARE(loaded[1].providerReference, QStringLiteral("************1111"));
        QCOMPARE(loaded[2].orderId, QStringLiteral("1234567812345678"));
        QCOMPARE(loadedQuery.filter.text, QStringLiteral("************1111"));
        QVERIFY2(cache.checkIntegrity(&error), qPrintable(error));
    }

    void queryJsonIsForgiving()
    {
        MismatchQuery q;
        QVERIFY(ReconOfflineCache::queryFromJson(ReconOfflineCache::queryToJson(query()), &q));
        QVERIFY(q == query());
        QVERIFY(!ReconOfflineCache::queryFromJson("not json", &q));
        // Unknown numbers (a newer console's enums) come back as unknown, not as garbage.
        QVERIFY(ReconOfflineCache::queryFromJson(
            R"({"filter":{"types":[3,99],"statuses":[-1]},"sort":42})", &q));
        QCOMPARE(q.filter.types,
                 (QVector<MismatchType>{MismatchType::AmountMismatch, MismatchType::Unknown}));
        QCOMPARE(q.filter.statuses, QVector<MismatchStatus>{MismatchStatus::Unknown});
        QCOMPARE(q.sort, MismatchSort::DetectedAt);
    }
};

QTEST_GUILESS_MAIN(TestReconOfflineCache)
#include "tst_recon_offline_cache.moc"
