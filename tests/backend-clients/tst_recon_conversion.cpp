// Reconciliation messages from the wire into console values: good rows pass
// unchanged; unknown types, bad currencies, negative, zero or overflowing
// amounts, enormous and invalid UTF-8 text are kept but marked, never
// trusted, and nothing crashes.
#include "recon_conversion.h"
#include "watchfloor/v1/reconciliation.pb.h"

#include <QtTest>

using namespace wf;
namespace v1 = watchfloor::v1;

namespace {

v1::Mismatch goodRow()
{
    v1::Mismatch m;
    m.set_id("mm-000000042");
    m.set_type(v1::MISMATCH_TYPE_AMOUNT_MISMATCH);
    m.set_status(v1::MISMATCH_STATUS_OPEN);
    m.set_provider_id("payments-acme");
    m.set_region("eu-west");
    m.set_order_id("ord-7Q2K9X1D");
    m.set_provider_reference("pi_3N8x");
    m.mutable_amount()->set_amount_minor(4210);
    m.mutable_amount()->set_currency_code("EUR");
    m.mutable_detected_at()->set_seconds(1'700'000'000);
    m.set_version(3);
    m.set_summary("captured 42.10 EUR, order says 41.10 EUR");
    return m;
}

}  // namespace

class TestReconConversion : public QObject {
    Q_OBJECT
private slots:
    void goodRowPassesUnchanged()
    {
        const Mismatch m = toMismatch(goodRow());
        QCOMPARE(m.id, QStringLiteral("mm-000000042"));
        QCOMPARE(m.type, MismatchType::AmountMismatch);
        QCOMPARE(m.status, MismatchStatus::Open);
        QCOMPARE(m.amount, (Money{4210, QStringLiteral("EUR")}));
        QCOMPARE(m.detectedMs, 1'700'000'000'000LL);
        QCOMPARE(m.version, 3);
        QVERIFY2(m.problem.isEmpty(), qPrintable(m.problem));
    }

    void moneyIsFormattedByTheCurrencysExponent()
    {
        QCOMPARE((Money{4210, "EUR"}).format(), QStringLiteral("42.10 EUR"));
        QCOMPARE((Money{123456789, "USD"}).format(), QStringLiteral("1,234,567.89 USD"));
        QCOMPARE((Money{1050, "JPY"}).format(), QStringLiteral("1,050 JPY"));
        QCOMPARE((Money{1050, "BHD"}).format(), QStringLiteral("1.050 BHD"));
        QCOMPARE((Money{-5, "GBP"}).format(), QStringLiteral("-0.05 GBP"));
        // The most negative int64 has no positive twin: still no overflow.
        QVERIFY((Money{std::numeric_limits<qint64>::min(), "USD"})
                    .format()
                    .startsWith(QStringLiteral("-92,233,720,368,547,758.08")));
        QCOMPARE((Money{100, "eur"}).format(),
                 QStringLiteral("100 (minor units, unknown currency)"));
    }

    void badAmountsAreMarked_data()
    {
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("problem");
        QTest::newRow("negative") << qint64(-4210) << "EUR"
                                  << "is not positive";
        QTest::newRow("zero") << qint64(0) << "EUR"
                              << "is not positive";
        QTest::newRow("overflowing") << std::numeric_limits<qint64>::max() << "USD"
                                     << "out of range";
        QTest::newRow("no currency") << qint64(100) << ""
                                     << "unknown currency code";
        QTest::newRow("lower case") << qint64(100) << "usd"
                                    << "unknown currency code";
        QTest::newRow("too long") << qint64(100) << "EURO"
                                  << "unknown currency code";
    }
    void badAmountsAreMarked()
    {
        QFETCH(qint64, minor);
        QFETCH(QString, currency);
        QFETCH(QString, problem);
        v1::Mismatch p = goodRow();
        p.mutable_amount()->set_amount_minor(minor);
        p.mutable_amount()->set_currency_code(currency.toStdString());
        const Mismatch m = toMismatch(p);
        QVERIFY2(m.problem.contains(problem), qPrintable(m.problem));
        QCOMPARE(m.amount.minor, minor);  // kept as sent, for the record
    }

    void unknownTypeStaysUnknown()
    {
        v1::Mismatch p = goodRow();
        p.set_type(v1::MismatchType(77));
        p.set_status(v1::MismatchStatus(55));
        const Mismatch m = toMismatch(p);
        QCOMPARE(m.type, MismatchType::Unknown);
        QCOMPARE(m.rawType, 77);
        QCOMPARE(m.status, MismatchStatus::Unknown);
        QVERIFY(m.problem.contains(QStringLiteral("unknown mismatch type 77")));
    }

    void enormousAndInvalidTextIsCapped()
    {
        v1::Mismatch p = goodRow();
        p.set_summary(std::string(5'000'000, 'x'));
        p.set_order_id(std::string("ord-\xff\xfe\xc3", 7));
        const Mismatch m = toMismatch(p);
        QCOMPARE(m.summary.size(), kMaxSummaryLength);
        QVERIFY(m.summary.endsWith(QChar(0x2026)));
        QVERIFY(m.problem.contains(QStringLiteral("summary cut")));
        QVERIFY(m.orderId.startsWith(QStringLiteral("ord-")));
        QVERIFY(m.orderId.contains(QChar(0xfffd)));
    }

    void detailKeepsOnlyTheLastFourCardDigits()
    {
        v1::MismatchDetail d;
        *d.mutable_mismatch() = goodRow();
        v1::ProviderTransaction* t = d.add_transactions();
        t->set_kind(v1::TRANSACTION_KIND_CAPTURE);
        t->set_card_last4("4111111111111111");  // a server that sent too much
        t->mutable_amount()->set_amount_minor(4210);
        t->mutable_amount()->set_currency_code("EUR");
        d.add_applicable_actions(v1::RESOLUTION_ACTION_REFUND);
        d.add_applicable_actions(v1::ResolutionAction(99));  // unknown: not offered
        d.mutable_expected()->set_currency_code("EUR");
        d.mutable_observed()->set_currency_code("JPY");
        const MismatchDetail out = toMismatchDetail(d);
        QCOMPARE(out.transactions.size(), 1);
        QCOMPARE(out.transactions[0].cardLast4, QStringLiteral("1111"));
        QCOMPARE(out.applicable, QVector<ResolutionAction>{ResolutionAction::Refund});
        QVERIFY(out.mismatch.problem.contains(QStringLiteral("different currencies")));
    }

    void filterMatchesLikeTheServer()
    {
        const Mismatch m = toMismatch(goodRow());
        const qint64 now = m.detectedMs + 3 * 3600 * 1000;
        MismatchFilter f;
        QVERIFY(f.matches(m, now));
        f.types = {MismatchType::FeeDiscrepancy};
        QVERIFY(!f.matches(m, now));
        QVERIFY(f.matches(m, now, true));  // the summary ignores the type filter
        f = {};
        f.minAmountMinor = 4211;
        QVERIFY(!f.matches(m, now));
        f = {};
        f.maxAgeSeconds = 3600;
        QVERIFY(!f.matches(m, now));
        f = {};
        f.assignee = QStringLiteral("-");
        QVERIFY(f.matches(m, now));
        f.assignee = QStringLiteral("sam");
        QVERIFY(!f.matches(m, now));
        f = {};
        f.text = QStringLiteral("q2k9");
        QVERIFY(f.matches(m, now));
        f.statuses = {MismatchStatus::Resolved};
        QVERIFY(!f.matches(m, now));
    }

    void filterValidationSaysWhatIsWrong()
    {
        MismatchFilter f;
        QVERIFY(f.validate().isEmpty());
        f.text = QString(129, 'a');
        QVERIFY(f.validate().contains(QStringLiteral("at most 128")));
        f = {};
        f.minAmountMinor = 500;
        f.maxAmountMinor = 100;
        QVERIFY(f.validate().contains(QStringLiteral("above the highest")));
        f = {};
        f.minAmountMinor = -1;
        QVERIFY(f.validate().contains(QStringLiteral("negative")));
    }
};

QTEST_GUILESS_MAIN(TestReconConversion)
#include "tst_recon_conversion.moc"
