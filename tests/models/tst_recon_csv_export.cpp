// ReconCsvExport against an in-process ReconciliationService: every page
// written on the client's worker thread into a file committed at the end;
// UTF-8 without a BOM, card numbers masked; progress throttled; a cancelled,
// failed or interrupted export leaves no file and an existing one untouched.
#include "csv_reader.h"
#include "recon_csv_export.h"
#include "watchfloor/v1/reconciliation.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QSignalSpy>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QtTest>
#include <condition_variable>
#include <mutex>

using namespace wf;
using namespace wf::test;
namespace v1 = watchfloor::v1;

namespace {

// Serves `rows` in pages of `pageSize` (0: as asked); can fail at a page or
// hold a page until released.
class FakeRecon final : public v1::ReconciliationService::Service {
public:
    std::vector<v1::Mismatch> rows;
    int pageSize = 0;
    std::atomic<int> failAtPage{-1};
    std::atomic<int> holdAtPage{-1};
    std::atomic<int> calls{0};

    void hold(int page)
    {
        std::lock_guard lock(mutex_);
        holdAtPage = page;
        released_ = false;
    }
    void release()
    {
        std::lock_guard lock(mutex_);
        released_ = true;
        wake_.notify_all();
    }

    grpc::Status ListMismatches(grpc::ServerContext*, const v1::ListMismatchesRequest* req,
                                v1::ListMismatchesResponse* resp) override
    {
        ++calls;
        const int page = req->page().page_token().empty() ? 0 : std::stoi(req->page().page_token());
        if (page == holdAtPage) {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, std::chrono::seconds(10), [this] { return released_; });
        }
        if (page == failAtPage)
            return {grpc::StatusCode::UNAVAILABLE, "the settlement database is down"};
        const size_t size = pageSize > 0 ? pageSize : req->page().page_size();
        const size_t from = page * size;
        for (size_t i = from; i < std::min(rows.size(), from + size); ++i)
            *resp->add_mismatches() = rows[i];
        resp->mutable_page()->set_total_size(qint64(rows.size()));
        if (from + size < rows.size())
            resp->mutable_page()->set_next_page_token(std::to_string(page + 1));
        return grpc::Status::OK;
    }

private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool released_ = false;
};

v1::Mismatch row(int i)
{
    v1::Mismatch m;
    m.set_id(QStringLiteral("mm-%1").arg(i, 9, 10, QLatin1Char('0')).toStdString());
    m.set_type(v1::MismatchType(1 + i % 9));
    m.set_status(v1::MismatchStatus(1));
    m.set_provider_id("payments-acme");
    m.set_region("eu-west");
    m.set_order_id("1234567812345678");  // 16 digits, fails Luhn: an order number
    m.set_provider_reference("ch_4111 1111 1111 1111");
    m.mutable_amount()->set_amount_minor(1000 + i);
    m.mutable_amount()->set_currency_code("EUR");
    m.mutable_detected_at()->set_seconds(1'700'000'000);
    m.set_version(1);
    m.set_summary("Zahlung für Müller, card 4111 1111 1111 1111 declined");
    return m;
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestReconCsvExport : public QObject {
    Q_OBJECT
private:
    FakeRecon service_;
    std::unique_ptr<grpc::Server> server_;
    EndpointConfig config_;
    QTemporaryDir dir_;

    void serve(int rows, int pageSize)
    {
        service_.rows.clear();
        for (int i = 0; i < rows; ++i)
            service_.rows.push_back(row(i));
        service_.pageSize = pageSize;
        service_.failAtPage = -1;
        service_.hold(-1);
        service_.calls = 0;
    }
    QString path(const QString& name) const { return dir_.filePath(name); }
    QStringList files() const { return QDir(dir_.path()).entryList(QDir::Files | QDir::Hidden); }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        int port = 0;
        grpc::ServerBuilder builder;
        builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
        builder.RegisterService(&service_);
        server_ = builder.BuildAndStart();
        QVERIFY(server_ && port > 0);
        config_.target = QStringLiteral("127.0.0.1:%1").arg(port);
    }
    void cleanupTestCase()
    {
        service_.release();
        server_->Shutdown();
    }
    void cleanup()
    {
        for (const QString& f : files())
            QFile::remove(path(f));
    }

    void exportsEveryPage()
    {
        serve(7, 3);
        ReconQueryClient client;
        client.setEndpoint(config_);
        ReconCsvExport exporter;
        QSignalSpy progress(&exporter, &ReconCsvExport::progress);
        QSignalSpy finished(&exporter, &ReconCsvExport::finished);
        const qint64 now = 1'700'000'000'000 + 36 * 3'600'000;
        QVERIFY(exporter.start(&client, {}, path("queue.csv"), now));
        QVERIFY(exporter.isRunning());
        QVERIFY(!exporter.start(&client, {}, path("other.csv")));  // one at a time
        QVERIFY(finished.wait(10000));
        QVERIFY(!exporter.isRunning());
        QCOMPARE(finished[0][0].toBool(), true);
        QCOMPARE(finished[0][1].toString(),
                 "Exported 7 mismatches to " + QDir::toNativeSeparators(path("queue.csv")) + '.');
        QCOMPARE(service_.calls.load(), 3);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last()[0].toLongLong(), 7);
        QCOMPARE(progress.last()[1].toLongLong(), 7);
        QCOMPARE(files(), QStringList{"queue.csv"});  // no temporary file left

        const QByteArray bytes = readFile(path("queue.csv"));
        QVERIFY(bytes.startsWith("id,type,status,"));  // no BOM
        QStringDecoder utf8(QStringDecoder::Utf8);
        const QString text = utf8(bytes);
        QVERIFY(!utf8.hasError());
        const QList<QStringList> rows = readCsv(text);
        QCOMPARE(rows.size(), 8);
        for (int i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows[i].size(), 15);
            QCOMPARE(rows[i][0], QStringLiteral("mm-%1").arg(i - 1, 9, 10, QLatin1Char('0')));
            QCOMPARE(rows[i][8], QStringLiteral("1234567812345678"));
            QCOMPARE(rows[i][9], QStringLiteral("ch_************1111"));
            QCOMPARE(rows[i][11], QStringLiteral("36.0"));
            QCOMPARE(rows[i][14],
                     QStringLiteral("Zahlung für Müller, card ************1111 declined"));
        }
        QVERIFY(!bytes.contains("4111 1111 1111 1111"));
        QVERIFY(!bytes.contains("4111111111111111"));
    }

    void countsInWordsAndThrottlesProgress()
    {
        serve(1234, 1);  // one row a call: many pages quickly
        ReconQueryClient client;
        client.setEndpoint(config_);
        ReconCsvExport exporter;
        QSignalSpy progress(&exporter, &ReconCsvExport::progress);
        QSignalSpy finished(&exporter, &ReconCsvExport::finished);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(exporter.start(&client, {}, path("many.csv")));
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished[0][1].toString().startsWith("Exported 1,234 mismatches to "),
                 qPrintable(finished[0][1].toString()));
        QCOMPARE(readCsv(QString::fromUtf8(readFile(path("many.csv")))).size(), 1235);
        // About ten a second, plus the last.
        QVERIFY2(
            progress.size() <= clock.elapsed() / 100 + 2,
            qPrintable(QStringLiteral("%1 in %2 ms").arg(progress.size()).arg(clock.elapsed())));
        QCOMPARE(progress.last()[0].toLongLong(), 1234);
    }

    void emptyResultWritesTheHeader()
    {
        serve(0, 0);
        ReconQueryClient client;
        client.setEndpoint(config_);
        ReconCsvExport exporter;
        QSignalSpy finished(&exporter, &ReconCsvExport::finished);
        QVERIFY(exporter.start(&client, {}, path("empty.csv")));
        QVERIFY(finished.wait(10000));
        QVERIFY(finished[0][0].toBool());
        QVERIFY(finished[0][1].toString().startsWith("Exported 0 mismatches to "));
        QCOMPARE(readFile(path("empty.csv")), ReconCsvExport::csvHeader().toUtf8());
    }

    void failureLeavesTheOldFile()
    {
        serve(7, 3);
        service_.failAtPage = 1;
        QFile old(path("queue.csv"));
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("yesterday's export\n");
        old.close();
        ReconQueryClient client;
        client.setEndpoint(config_);
        ReconCsvExport exporter;
        QSignalSpy finished(&exporter, &ReconCsvExport::finished);
        QVERIFY(exporter.start(&client, {}, path("queue.csv")));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished[0][0].toBool(), false);
        const QString message = finished[0][1].toString();
        QVERIFY2(message.startsWith("The export stopped: ") &&
                     message.contains("the settlement database is down") &&
                     message.endsWith(". Nothing was written to " +
                                      QDir::toNativeSeparators(path("queue.csv")) + '.'),
                 qPrintable(message));
        QCOMPARE(readFile(path("queue.csv")), QByteArray("yesterday's export\n"));
        QCOMPARE(files(), QStringList{"queue.csv"});
    }

    void cancelStopsAfterTheCurrentPage()
    {
        serve(9, 3);
        service_.hold(1);
        ReconQueryClient client;
        client.setEndpoint(config_);
        ReconCsvExport exporter;
        QSignalSpy progress(&exporter, &ReconCsvExport::progress);
        QSignalSpy finished(&exporter, &ReconCsvExport::finished);
        QVERIFY(exporter.start(&client, {}, path("queue.csv")));
        QVERIFY(progress.wait(10000));  // the first page is written
        QCOMPARE(progress[0][0].toLongLong(), 3);
        exporter.cancel();
        service_.release();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished[0][0].toBool(), false);
        QVERIFY2(finished[0][1].toString().startsWith("Export cancelled; nothing was written"),
                 qPrintable(finished[0][1].toString()));
        QCOMPARE(service_.calls.load(), 2);  // the page in flight, no more
        QCOMPARE(files(), QStringList());
    }

    void notConnectedOrUnwritable()
    {
        ReconQueryClient offline;  // no endpoint
        ReconCsvExport exporter;
        QSignalSpy finished(&exporter, &ReconCsvExport::finished);
        QVERIFY(!exporter.start(nullptr, {}, path("x.csv")));
        QVERIFY(!exporter.start(&offline, {}, QString()));
        QVERIFY(exporter.start(&offline, {}, path("x.csv")));
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished[0][1].toString().contains("Not connected to a platform."),
                 qPrintable(finished[0][1].toString()));

        serve(2, 0);
        ReconQueryClient client;
        client.setEndpoint(config_);
        QVERIFY(exporter.start(&client, {}, path("no/such/dir/x.csv")));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished[1][0].toBool(), false);
        QVERIFY2(finished[1][1].toString().startsWith("Cannot write "),
                 qPrintable(finished[1][1].toString()));
        QCOMPARE(files(), QStringList());
    }

    void interruptedWhenTheClientStops()
    {
        ReconQueryClient client;
        client.setEndpoint(config_);
        client.stop();  // the read is dropped unrun
        ReconCsvExport exporter;
        QSignalSpy finished(&exporter, &ReconCsvExport::finished);
        QVERIFY(exporter.start(&client, {}, path("x.csv")));
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished[0][1].toString().startsWith("The export was interrupted"),
                 qPrintable(finished[0][1].toString()));
        QVERIFY(!exporter.isRunning());
    }

    void exporterDestroyedWhileWriting()
    {
        serve(9, 3);
        service_.hold(1);
        ReconQueryClient client;
        client.setEndpoint(config_);
        {
            ReconCsvExport exporter;
            QSignalSpy progress(&exporter, &ReconCsvExport::progress);
            QVERIFY(exporter.start(&client, {}, path("queue.csv")));
            QVERIFY(progress.wait(10000));
        }
        service_.release();
        QTRY_COMPARE_WITH_TIMEOUT(service_.calls.load(), 2, 10000);
        client.stop();  // the worker is done with the export
        QCOMPARE(files(), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestReconCsvExport)
#include "tst_recon_csv_export.moc"
