// ReconCsvExport end to end against the real simulator: every open mismatch
// of the queue in the file (as many rows as the server counts, no id twice),
// well-formed cells, and a filtered, sorted query exported in its order.
#include "csv_reader.h"
#include "recon_csv_export.h"
#include "sim_fixture.h"

#include <QSet>
#include <QSignalSpy>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QtTest>

using namespace wf;
using namespace wf::test;

namespace {

constexpr int kReconSize = 2500;  // three pages of readAll

struct Export {
    bool ok = false;
    QString message;
    QList<QStringList> rows;  // without the header
};

Export run(ReconQueryClient& client, const MismatchQuery& query, const QString& path)
{
    Export out;
    ReconCsvExport exporter;
    QSignalSpy finished(&exporter, &ReconCsvExport::finished);
    if (!exporter.start(&client, query, path) || !finished.wait(60000))
        return out;
    out.ok = finished[0][0].toBool();
    out.message = finished[0][1].toString();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QByteArray bytes = f.readAll();
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8(bytes);
    if (bytes.startsWith("\xEF\xBB\xBF") || utf8.hasError())
        out.ok = false;
    out.rows = readCsv(text);
    if (out.rows.isEmpty() || out.rows.takeFirst() != readCsv(ReconCsvExport::csvHeader())[0])
        out.ok = false;
    return out;
}

// The total the server counts for `query` (one page of one row).
qint64 serverTotal(ReconQueryClient& client, const MismatchQuery& query)
{
    QSignalSpy loaded(&client, &ReconQueryClient::pageLoaded);
    client.fetchPage(0, query, 0, 1);
    return loaded.wait(10000) ? loaded[0][0].value<MismatchPage>().total : -1;
}

}  // namespace

class TestReconCsvExportSim : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<SimFixture> sim_;
    EndpointConfig config_;
    QTemporaryDir dir_;

private slots:
    void initTestCase()
    {
        SimulatorOptions o = simOptions(QStringLiteral("quiet-day"), 1, 17);
        o.extraArguments = {QStringLiteral("--recon-size"), QString::number(kReconSize)};
        sim_ = std::make_unique<SimFixture>(o);
        QVERIFY2(sim_->start(), qPrintable(sim_->error()));
        config_.target = sim_->endpoint();
        config_.token = sim_->token(QStringLiteral("viewer"));
    }

    void exportsTheWholeOpenQueue()
    {
        ReconQueryClient client;
        client.setEndpoint(config_);
        const qint64 total = serverTotal(client, {});
        QVERIFY2(total >= kReconSize / 2, qPrintable(QString::number(total)));
        const Export e = run(client, {}, dir_.filePath(QStringLiteral("queue.csv")));
        QVERIFY2(e.ok, qPrintable(e.message));
        QCOMPARE(e.rows.size(), total);
        QVERIFY2(e.message.startsWith(QStringLiteral("Exported %1 mismatches to ")
                                          .arg(QLocale(QLocale::English).toString(total))),
                 qPrintable(e.message));
        QSet<QString> ids;
        for (const QStringList& r : e.rows) {
            QCOMPARE(r.size(), 15);
            ids.insert(r[0]);
            QVERIFY2(!r[1].startsWith(QStringLiteral("Unknown")), qPrintable(r.join('|')));
            QVERIFY(QStringList({"Open", "Waiting for approval", "Escalated to provider"})
                        .contains(r[2]));
            const Money amount{r[5].toLongLong(), r[4]};
            QVERIFY2(amount.valid() && amount.minor > 0, qPrintable(r.join('|')));
            QCOMPARE(r[3] + ' ' + r[4], amount.format());
            QVERIFY(r[10].endsWith('Z') && r[10].size() == 20);
            QVERIFY(r[11].toDouble() >= 0);
            for (const QString& cell : r)
                QVERIFY2(cell.isEmpty() || !QStringLiteral("=+@\t\r").contains(cell.front()),
                         qPrintable(cell));
        }
        QCOMPARE(ids.size(), e.rows.size());  // no row twice across pages
    }

    void exportsAFilteredQueryInItsOrder()
    {
        ReconQueryClient client;
        client.setEndpoint(config_);
        MismatchQuery q;
        q.filter.regions = {QStringLiteral("eu-west")};
        q.filter.currencies = {QStringLiteral("EUR")};
        q.sort = MismatchSort::Amount;
        q.descending = true;
        const qint64 total = serverTotal(client, q);
        QVERIFY(total > 0);
        const Export e = run(client, q, dir_.filePath(QStringLiteral("eu.csv")));
        QVERIFY2(e.ok, qPrintable(e.message));
        QCOMPARE(e.rows.size(), total);
        qint64 previous = std::numeric_limits<qint64>::max();
        for (const QStringList& r : e.rows) {
            QCOMPARE(r[7], QStringLiteral("eu-west"));
            QCOMPARE(r[4], QStringLiteral("EUR"));
            QVERIFY(r[5].toLongLong() <= previous);
            previous = r[5].toLongLong();
        }
    }
};

QTEST_GUILESS_MAIN(TestReconCsvExportSim)
#include "tst_recon_csv_export_sim.moc"
