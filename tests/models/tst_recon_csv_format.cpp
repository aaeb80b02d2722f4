// The reconciliation CSV, row by row: the columns, amounts from minor units,
// times in UTC, RFC 4180 quoting, formula defusing and card-number masking
// (a real card number masked, a 16-digit order number that fails Luhn kept).
#include "csv_reader.h"
#include "recon_csv_export.h"

#include <QtTest>

using namespace wf;
using namespace wf::test;

namespace {

constexpr qint64 kDetected = 1'700'000'000'000;  // 2023-11-14T22:13:20Z

Mismatch sample()
{
    Mismatch m;
    m.id = QStringLiteral("mm-000123456");
    m.type = MismatchType::AmountMismatch;
    m.rawType = 3;
    m.status = MismatchStatus::Open;
    m.providerId = QStringLiteral("payments-acme");
    m.region = QStringLiteral("eu-west");
    m.orderId = QStringLiteral("ord-778899");
    m.providerReference = QStringLiteral("acme_ch_91x");
    m.amount = {123450, QStringLiteral("EUR")};
    m.detectedMs = kDetected;
    m.assignee = QStringLiteral("dana");
    m.version = 7;
    m.summary = QStringLiteral("captured 1,234.50 EUR, order says 0.00 EUR");
    return m;
}

void textRow(const char* name, const QString& in, const QString& out)
{
    QTest::newRow(name) << in << out;
}

void amountRow(const char* name, qint64 minor, const QString& currency, const QString& amount)
{
    QTest::newRow(name) << minor << currency << amount;
}

QStringList cells(const Mismatch& m, qint64 nowMs = kDetected)
{
    const QString row = ReconCsvExport::csvRow(m, nowMs);
    [&] { QVERIFY(row.endsWith(QStringLiteral("\r\n"))); }();
    const QList<QStringList> rows = readCsv(row);
    [&] { QCOMPARE(rows.size(), 1); }();
    return rows.value(0);
}

}  // namespace

class TestReconCsvFormat : public QObject {
    Q_OBJECT
private slots:
    void headerNamesTheColumns()
    {
        const QList<QStringList> h = readCsv(ReconCsvExport::csvHeader());
        QCOMPARE(h.size(), 1);
        QCOMPARE(h[0], (QStringList{"id", "type", "status", "amount", "currency", "amount_minor",
                                    "provider", "region", "order_id", "provider_reference",
                                    "detected_at", "age_hours", "assignee", "version", "summary"}));
    }

    void rowHasEveryColumn()
    {
        const qint64 now = kDetected + 90 * 60 * 1000 + 59'000;  // 1 h 30 m 59 s later
        QCOMPARE(cells(sample(), now),
                 (QStringList{"mm-000123456", "Amount mismatch", "Open", "1,234.50", "EUR",
                              "123450", "payments-acme", "eu-west", "ord-778899", "acme_ch_91x",
                              "2023-11-14T22:13:20Z", "1.5", "dana", "7",
                              "captured 1,234.50 EUR, order says 0.00 EUR"}));
        // The amount with a thousands separator is quoted, not split.
        QVERIFY(ReconCsvExport::csvRow(sample(), now).contains(QStringLiteral(",\"1,234.50\",")));
    }

    void amountsComeFromMinorUnits_data()
    {
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("amount");
        amountRow("eur", 5, "EUR", "0.05");
        amountRow("jpy has no minor digits", 1050, "JPY", "1,050");
        amountRow("bhd has three", 1234567, "BHD", "1,234.567");
        amountRow("negative is a number, not a formula", -1200, "USD", "-12.00");
        amountRow("huge", 900719925474099312, "USD", "9,007,199,254,740,993.12");
        amountRow("unknown currency: no amount", 1050, "E$", "");
    }
    void amountsComeFromMinorUnits()
    {
        QFETCH(qint64, minor);
        QFETCH(QString, currency);
        QFETCH(QString, amount);
        Mismatch m = sample();
        m.amount = {minor, currency};
        const QStringList c = cells(m);
        QCOMPARE(c[3], amount);
        QCOMPARE(c[4], currency);
        QCOMPARE(c[5], QString::number(minor));  // exact, whatever the currency
    }

    void unknownTypeAndMissingTimes()
    {
        Mismatch m = sample();
        m.type = MismatchType::Unknown;
        m.rawType = 42;
        m.status = MismatchStatus::Unknown;
        QCOMPARE(cells(m)[1], QStringLiteral("Unknown type (42)"));
        QCOMPARE(cells(m)[2], QStringLiteral("Unknown"));
        // Detected "in the future" (clock skew): age 0, never negative.
        QCOMPARE(cells(sample(), kDetected - 3'600'000)[11], QStringLiteral("0.0"));
        m.detectedMs = 0;
        QCOMPARE(cells(m)[10], QString());
        QCOMPARE(cells(m)[11], QString());
    }

    void quotingRoundTrips_data()
    {
        QTest::addColumn<QString>("summary");
        QTest::addColumn<QString>("raw");  // as written
        textRow("plain", "no match", "no match");
        textRow("comma", "a, b", "\"a, b\"");
        textRow("quotes", "he said \"hi\"", "\"he said \"\"hi\"\"\"");
        textRow("newline", "line 1\nline 2", "\"line 1\nline 2\"");
        textRow("crlf inside", "x\r\ny", "\"x\r\ny\"");
        textRow("utf-8", "Müller – ¥ 東京", "Müller – ¥ 東京");
    }
    void quotingRoundTrips()
    {
        QFETCH(QString, summary);
        QFETCH(QString, raw);
        Mismatch m = sample();
        m.summary = summary;
        QCOMPARE(cells(m).last(), summary);
        QVERIFY(ReconCsvExport::csvRow(m, kDetected).endsWith(',' + raw + "\r\n"));
    }

    void formulasAreDefused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("cell");
        textRow("=", "=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")");
        textRow("+", "+1+2", "'+1+2");
        textRow("-", "-2+3", "'-2+3");
        textRow("@", "@SUM(A1)", "'@SUM(A1)");
        textRow("tab", "\t=1", "'\t=1");
        textRow("cr", "\r=1", "'\r=1");
        textRow("inside is fine", "a=b+c", "a=b+c");
        textRow("apostrophe kept", "'quoted", "'quoted");
    }
    void formulasAreDefused()
    {
        QFETCH(QString, text);
        QFETCH(QString, cell);
        Mismatch m = sample();
        m.summary = text;
        m.orderId = text;
        m.assignee = text;
        const QStringList c = cells(m);
        QCOMPARE(c[8], cell);
        QCOMPARE(c[12], cell);
        QCOMPARE(c[14], cell);
    }

    void cardNumbersAreMasked_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("cell");
        textRow("visa, spaced", "card 4111 1111 1111 1111 declined",
                "card ************1111 declined");
        textRow("mastercard, dashed", "5500-0000-0000-0004", "************0004");
        textRow("run-on", "pan=4000056655665556;", "pan=************5556;");
        textRow("16-digit order number, not Luhn", "1234567812345678", "1234567812345678");
        textRow("order number, spaced, not Luhn", "order 2024 1125 0000 1234",
                "order 2024 1125 0000 1234");
        textRow("short digits", "ref 411111", "ref 411111");
        textRow("token", "token=abc123 retried", "token=[redacted] retried");
    }
    void cardNumbersAreMasked()
    {
        QFETCH(QString, text);
        QFETCH(QString, cell);
        Mismatch m = sample();
        m.summary = text;
        m.providerReference = text;
        m.orderId = text;
        m.id = text;
        const QStringList c = cells(m);
        QCOMPARE(c[0], cell);
        QCOMPARE(c[8], cell);
        QCOMPARE(c[9], cell);
        QCOMPARE(c[14], cell);
    }
};

QTEST_GUILESS_MAIN(TestReconCsvFormat)
#include "tst_recon_csv_format.moc"
