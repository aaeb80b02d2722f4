// Reconciliation data made up by the simulator: deterministic for a seed,
// and each mismatch's order, transactions and settlement lines are what make
// it its type.

#include "journey_catalog.h"
#include "platform_clock.h"
#include "recon_detail.h"
#include "recon_generator.h"
#include "recon_hook_parser.h"
#include "recon_money.h"
#include "recon_store.h"
#include "recon_text_match.h"
#include "scenario_loader.h"

#include <QRegularExpression>
#include <QTest>
#include <map>
#include <set>

using namespace wfsim;
namespace v1 = watchfloor::v1;

namespace {

// 2026-11-25T12:00:00Z
constexpr int64_t kStart = 1795608000;
constexpr int kRows = 6000;

ReconBatch history(uint32_t count)
{
    ReconBatch batch;
    batch.detectedFrom = kStart - ReconStore::kHistorySeconds;
    batch.detectedTo = kStart;
    batch.count = count;
    batch.history = true;
    return batch;
}

std::vector<ReconRow> rowsOf(const ReconGenerator& generator, uint32_t count)
{
    std::vector<ReconRow> rows;
    for (uint32_t i = 0; i < count; ++i)
        rows.push_back(generator.row(i, history(count), i));
    return rows;
}

std::vector<const v1::ProviderTransaction*> ofKind(const v1::MismatchDetail& d,
                                                   v1::TransactionKind kind,
                                                   const char* status = "succeeded")
{
    std::vector<const v1::ProviderTransaction*> out;
    for (const v1::ProviderTransaction& t : d.transactions()) {
        if (t.kind() == kind && t.status() == status)
            out.push_back(&t);
    }
    return out;
}

bool matches(const std::string& text, const char* pattern)
{
    return QRegularExpression(QString::fromLatin1(pattern))
        .match(QString::fromStdString(text))
        .hasMatch();
}

int64_t digitsOf(const std::string& currency)
{
    return currency == "JPY" ? 0 : 2;
}

}  // namespace

class TestReconGenerator : public QObject {
    Q_OBJECT

private slots:
    void rowsAreSmall()
    {
        // A million rows with their six sort orders stay well under 150 bytes each.
        QVERIFY(sizeof(ReconRow) <= 72);
    }

    void sameSeedSameData()
    {
        const ReconGenerator a(42), b(42), c(43);
        const std::vector<ReconRow> rows = rowsOf(a, 500);
        const ReconDetail da(a), db(b);
        int differ = 0;
        for (uint32_t i = 0; i < rows.size(); ++i) {
            const ReconRow again = b.row(i, history(500), i);
            QCOMPARE(std::memcmp(&again, &rows[i], sizeof(ReconRow)), 0);
            v1::MismatchDetail x, y;
            da.detail(i, rows[i], nullptr, &x);
            db.detail(i, again, nullptr, &y);
            QCOMPARE(x.SerializeAsString(), y.SerializeAsString());
            const ReconRow other = c.row(i, history(500), i);
            differ += ReconGenerator::providerReference(other) !=
                              ReconGenerator::providerReference(rows[i])
                          ? 1
                          : 0;
        }
        QCOMPARE(differ, 500);  // another seed, other data
        // Rows do not depend on when they are asked for, or how many others exist.
        const ReconRow late = a.row(250, history(500), 250);
        QCOMPARE(std::memcmp(&late, &rows[250], sizeof(ReconRow)), 0);
    }

    void rowsLookReal()
    {
        const ReconGenerator generator(7);
        const std::vector<ReconRow> rows = rowsOf(generator, uint32_t(kRows));
        const ReconDetail detail(generator);
        const JourneyCatalog catalog;
        std::map<int, int> types;
        std::set<std::string> currencies, providers, regions, orderIds;
        int64_t previous = 0;
        int escalated = 0, assigned = 0;
        for (uint32_t i = 0; i < rows.size(); ++i) {
            v1::Mismatch m;
            detail.row(i, rows[i], "", "", &m);
            ++types[m.type()];
            currencies.insert(m.amount().currency_code());
            providers.insert(m.provider_id());
            regions.insert(m.region());
            QCOMPARE(m.id(), ReconGenerator::mismatchId(i));
            QVERIFY2(matches(m.id(), "^mm-\\d{9}$"), m.id().c_str());
            QCOMPARE(ReconGenerator::indexOfId(m.id()), int64_t(i));
            if (m.provider_id() == "payments-acme")
                QVERIFY2(matches(m.provider_reference(), "^pi_3N[0-9A-Za-z]{22}$"),
                         m.provider_reference().c_str());
            else
                QVERIFY2(matches(m.provider_reference(), "^ch_[0-9A-Za-z]{24}$"),
                         m.provider_reference().c_str());
            if (!m.order_id().empty()) {
                QVERIFY2(matches(m.order_id(), "^ord-[0-9A-HJKMNP-TV-Z]{8}$"),
                         m.order_id().c_str());
                orderIds.insert(m.order_id());
            }
            QVERIFY(m.amount().amount_minor() > 0);
            QVERIFY(!m.summary().empty());
            QVERIFY(m.detected_at().seconds() >= kStart - 30 * 86400);
            QVERIFY(m.detected_at().seconds() < kStart);
            QVERIFY(m.detected_at().seconds() >= previous);  // detection order is id order
            previous = m.detected_at().seconds();
            QVERIFY(m.status() == v1::MISMATCH_STATUS_OPEN ||
                    m.status() == v1::MISMATCH_STATUS_ESCALATED);
            escalated += m.status() == v1::MISMATCH_STATUS_ESCALATED ? 1 : 0;
            assigned += rows[i].assignee != 0 ? 1 : 0;
            QCOMPARE(m.version(), int64_t(1) + (m.status() == v1::MISMATCH_STATUS_ESCALATED) +
                                      (rows[i].assignee != 0));
        }
        QCOMPARE(int(types.size()), 9);
        for (const auto& [type, count] : types)
            QVERIFY2(count >= 100, v1::MismatchType_Name(v1::MismatchType(type)).c_str());
        QCOMPARE(currencies, (std::set<std::string>{"EUR", "GBP", "JPY", "USD"}));
        QCOMPARE(providers, (std::set<std::string>{"payments-acme", "payments-globex"}));
        std::set<std::string> known;
        for (int r = 0; r < JourneyCatalog::kRegionCount; ++r)
            known.insert(catalog.region(r).id);
        QCOMPARE(regions, known);
        QVERIFY(orderIds.size() > kRows / 2);  // ids do not repeat (but by chance)
        QVERIFY(escalated > kRows / 30 && escalated < kRows / 8);
        QVERIFY(assigned > kRows / 8 && assigned < kRows / 3);
        // Rows of a settlement file are new: open, unassigned, version 1, detected then.
        ReconBatch file;
        file.detectedFrom = file.detectedTo = kStart + 30;
        file.count = 100;
        file.provider = 1;
        file.type = v1::MISMATCH_TYPE_FEE_DISCREPANCY;
        for (uint32_t i = 0; i < 100; ++i) {
            const ReconRow row = generator.row(uint32_t(kRows) + i, file, i);
            QCOMPARE(int(row.status), int(v1::MISMATCH_STATUS_OPEN));
            QCOMPARE(row.assignee, 0u);
            QCOMPARE(row.version, 1u);
            QCOMPARE(row.detectedAt, kStart + 30);
            QCOMPARE(int(row.provider), 1);
            QCOMPARE(int(row.type), int(v1::MISMATCH_TYPE_FEE_DISCREPANCY));
        }
    }

    // Every type's data is what makes it that type; the amount at stake and
    // expected / observed / difference follow from it.
    void typesAreConsistent()
    {
        const ReconGenerator generator(11);
        const std::vector<ReconRow> rows = rowsOf(generator, uint32_t(kRows));
        const ReconDetail detail(generator);
        for (uint32_t i = 0; i < rows.size(); ++i) {
            v1::MismatchDetail d;
            detail.row(i, rows[i], "", "", d.mutable_mismatch());
            detail.detail(i, rows[i], nullptr, &d);
            const v1::Mismatch& m = d.mismatch();
            const std::string where = m.id() + " " + v1::MismatchType_Name(m.type());
            const char* w = where.c_str();
            const auto captures = ofKind(d, v1::TRANSACTION_KIND_CAPTURE);
            const auto refunds = ofKind(d, v1::TRANSACTION_KIND_REFUND);
            const auto chargebacks = ofKind(d, v1::TRANSACTION_KIND_CHARGEBACK);
            const std::string currency = m.amount().currency_code();
            const int64_t amount = m.amount().amount_minor();
            for (const v1::ProviderTransaction& t : d.transactions()) {
                QVERIFY2(matches(t.card_last4(), "^\\d{4}$"), w);
                QVERIFY2(t.amount().amount_minor() > 0, w);
                QVERIFY2(t.at().seconds() <= m.detected_at().seconds(), w);
                if (digitsOf(t.amount().currency_code()) == 0 &&
                    m.type() != v1::MISMATCH_TYPE_CURRENCY_MISMATCH)
                    QCOMPARE(t.amount().amount_minor() % 10, int64_t(0));  // yen in tens
            }
            for (const v1::SettlementLine& s : d.settlement_lines()) {
                QVERIFY2(matches(s.settlement_batch_id(), "^stl-(acme|globex)-\\d{8}-[a-z]{3}$"),
                         w);
                QVERIFY2(s.gross().amount_minor() > 0 && s.fee().amount_minor() >= 0, w);
            }
            QCOMPARE(d.has_order(), !m.order_id().empty());
            if (d.has_order()) {
                QCOMPARE(d.order().order_id(), m.order_id());
                QVERIFY2(matches(d.order().customer_ref(), "^cus-[0-9a-f]{6}$"), w);
            }
            const int64_t order = d.has_order() ? d.order().amount().amount_minor() : 0;
            switch (m.type()) {
                case v1::MISMATCH_TYPE_CAPTURED_WITHOUT_ORDER:
                    QVERIFY2(!d.has_order() && captures.size() == 1, w);
                    QCOMPARE(captures[0]->amount().amount_minor(), amount);
                    QCOMPARE(d.settlement_lines_size(), 1);
                    QCOMPARE(d.difference().amount_minor(), amount);
                    break;
                case v1::MISMATCH_TYPE_ORDER_WITHOUT_CAPTURE:
                    QVERIFY2(d.has_order() && captures.empty(), w);
                    QCOMPARE(ofKind(d, v1::TRANSACTION_KIND_AUTHORIZATION).size(), size_t(1));
                    QCOMPARE(d.settlement_lines_size(), 0);
                    QCOMPARE(order, amount);
                    QCOMPARE(d.difference().amount_minor(), -amount);
                    break;
                case v1::MISMATCH_TYPE_AMOUNT_MISMATCH:
                    QVERIFY2(d.has_order() && captures.size() == 1, w);
                    QVERIFY2(captures[0]->amount().amount_minor() != order, w);
                    QCOMPARE(captures[0]->amount().currency_code(), currency);
                    QCOMPARE(std::llabs(captures[0]->amount().amount_minor() - order), amount);
                    QCOMPARE(std::llabs(d.difference().amount_minor()), amount);
                    QCOMPARE(d.settlement_lines(0).gross().amount_minor(),
                             captures[0]->amount().amount_minor());
                    break;
                case v1::MISMATCH_TYPE_CURRENCY_MISMATCH:
                    QVERIFY2(d.has_order() && captures.size() == 1, w);
                    QVERIFY2(captures[0]->amount().currency_code() != currency, w);
                    QCOMPARE(d.order().amount().currency_code(), currency);
                    QCOMPARE(order, amount);
                    QVERIFY2(!d.has_difference(), w);  // different currencies do not subtract
                    break;
                case v1::MISMATCH_TYPE_DUPLICATE_CAPTURE:
                    QVERIFY2(d.has_order() && captures.size() == 2, w);
                    QVERIFY2(captures[0]->provider_reference() != captures[1]->provider_reference(),
                             w);
                    QCOMPARE(captures[0]->amount().amount_minor(), order);
                    QCOMPARE(captures[1]->amount().amount_minor(), order);
                    QCOMPARE(d.settlement_lines_size(), 2);
                    QCOMPARE(d.difference().amount_minor(), amount);
                    break;
                case v1::MISMATCH_TYPE_REFUND_NOT_SETTLED: {
                    QVERIFY2(d.has_order() && captures.size() == 1 && refunds.size() == 1, w);
                    QCOMPARE(refunds[0]->amount().amount_minor(), amount);
                    QVERIFY2(amount <= captures[0]->amount().amount_minor(), w);
                    QVERIFY2(refunds[0]->provider_reference().starts_with("re_3N") ||
                                 refunds[0]->provider_reference().starts_with("rf_"),
                             w);
                    for (const v1::SettlementLine& s : d.settlement_lines())
                        QVERIFY2(s.provider_reference() != refunds[0]->provider_reference(), w);
                    QVERIFY2(refunds[0]->at().seconds() > captures[0]->at().seconds(), w);
                    QCOMPARE(d.difference().amount_minor(), -amount);
                    break;
                }
                case v1::MISMATCH_TYPE_SETTLED_WITHOUT_CAPTURE:
                    QVERIFY2(d.has_order() && captures.empty(), w);
                    QCOMPARE(d.settlement_lines_size(), 1);
                    QCOMPARE(d.settlement_lines(0).provider_reference(), m.provider_reference());
                    QCOMPARE(d.settlement_lines(0).gross().amount_minor(), amount);
                    QCOMPARE(d.difference().amount_minor(), amount);
                    break;
                case v1::MISMATCH_TYPE_FEE_DISCREPANCY: {
                    QVERIFY2(d.has_order() && captures.size() == 1, w);
                    QCOMPARE(d.settlement_lines_size(), 1);
                    const v1::SettlementLine& s = d.settlement_lines(0);
                    const int provider = ReconGenerator::providerIndex(m.provider_id());
                    const int64_t contracted = ReconGenerator::contractedFee(
                        provider, ReconMoney::index(s.gross().currency_code()),
                        s.gross().amount_minor());
                    QVERIFY2(s.fee().amount_minor() != contracted, w);
                    QCOMPARE(std::llabs(s.fee().amount_minor() - contracted), amount);
                    QCOMPARE(s.net().amount_minor(),
                             s.gross().amount_minor() - s.fee().amount_minor());
                    QCOMPARE(d.expected().amount_minor(), contracted);
                    QCOMPARE(d.observed().amount_minor(), s.fee().amount_minor());
                    break;
                }
                case v1::MISMATCH_TYPE_CHARGEBACK_WITHOUT_ORDER:
                    QVERIFY2(!d.has_order() && chargebacks.size() == 1 && captures.empty(), w);
                    QCOMPARE(chargebacks[0]->amount().amount_minor(), amount);
                    QCOMPARE(d.difference().amount_minor(), amount);
                    break;
                default: QFAIL(w);
            }
            // A settled capture line's fee is the contract's, but for a fee discrepancy.
            if (m.type() != v1::MISMATCH_TYPE_FEE_DISCREPANCY && !captures.empty()) {
                const v1::SettlementLine& s = d.settlement_lines(0);
                QCOMPARE(s.fee().amount_minor(), ReconGenerator::contractedFee(
                                                     ReconGenerator::providerIndex(m.provider_id()),
                                                     ReconMoney::index(s.gross().currency_code()),
                                                     s.gross().amount_minor()));
            }
        }
    }

    // The text filter finds a part of the reference or the order id in any
    // case, across the fixed prefix too, and nothing else.
    void textMatchesLikeASubstring()
    {
        const ReconGenerator generator(3);
        const std::vector<ReconRow> rows = rowsOf(generator, 400);
        const auto folded = [](std::string s) {
            for (char& c : s)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return s;
        };
        std::vector<std::string> needles = {"pi_", "PI_3n", "ch_", "_3", "h_", "ord-", "D-",
                                            "-",   "n",     "zz",  "Q",  "3n", "é",    "x_y"};
        for (int i = 0; i < 400; i += 37) {
            const std::string reference = ReconGenerator::providerReference(rows[size_t(i)]);
            const std::string order = ReconGenerator::orderId(rows[size_t(i)]);
            needles.push_back(reference.substr(1, 6));  // across the prefix
            needles.push_back(folded(reference.substr(10, 5)));
            needles.push_back(reference.substr(reference.size() - 4));
            needles.push_back(folded(order.substr(2, 5)));
            needles.push_back(order.substr(6));
        }
        for (const std::string& needle : needles) {
            const ReconTextMatch match(needle);
            for (const ReconRow& row : rows) {
                const bool want =
                    folded(ReconGenerator::providerReference(row)).find(folded(needle)) !=
                        std::string::npos ||
                    (row.hasOrder() && folded(ReconGenerator::orderId(row)).find(folded(needle)) !=
                                           std::string::npos);
                QVERIFY2(match.matches(row) == want,
                         (needle + " in " + ReconGenerator::providerReference(row)).c_str());
            }
        }
        QVERIFY(ReconTextMatch("").matches(rows[0]));
    }

    void moneyReadsLikeMoney()
    {
        QCOMPARE(ReconMoney::text(4210, ReconMoney::kEur), std::string("42.10 EUR"));
        QCOMPARE(ReconMoney::text(-35, ReconMoney::kUsd), std::string("-0.35 USD"));
        QCOMPARE(ReconMoney::text(6500, ReconMoney::kJpy), std::string("6500 JPY"));
        QCOMPARE(ReconMoney::threshold(50000, ReconMoney::kGbp), int64_t(50000));
        QCOMPARE(ReconMoney::threshold(50000, ReconMoney::kJpy), int64_t(75000));  // 500 USD at 150
        QCOMPARE(ReconMoney::threshold(50, ReconMoney::kJpy), int64_t(75));        // 0.50 USD
        QCOMPARE(ReconDetail::dateText(kStart), std::string("2026-11-25"));
        QCOMPARE(ReconDetail::dateText(0), std::string("1970-01-01"));
        QCOMPARE(ReconDetail::dateText(951782400), std::string("2000-02-29"));
    }

    void settlementFileScenario()
    {
        const JourneyCatalog catalog;
        const ScenarioLoader loader(catalog);
        std::string error;
        const auto scenario = loader.load(QStringLiteral("settlement-file"), &error);
        QVERIFY2(scenario.has_value(), error.c_str());
        QCOMPARE(scenario->settlementFiles.size(), size_t(1));
        QCOMPARE(scenario->settlementFiles[0].atSeconds, 30.0);
        QCOMPARE(scenario->settlementFiles[0].count, 50000);
        QCOMPARE(scenario->settlementFiles[0].provider, std::string("payments-globex"));
        QCOMPARE(scenario->settlementFiles[0].region, -1);

        const auto parse = [&](const char* event) {
            std::string why;
            const QByteArray json = QByteArray("{\"events\": [") + event + "]}";
            const auto s = loader.parse(json, "t", &why);
            return s ? std::string() : why;
        };
        QCOMPARE(parse(R"({"at": "1m", "recon_settlement_file": {"count": 10,
                 "provider": "payments-acme", "region": "eu-west", "type": "fee_discrepancy"}})"),
                 std::string());
        QCOMPARE(
            parse(
                R"({"at": "1m", "recon_settlement_file": {"count": 0, "provider": "payments-acme"}})"),
            std::string("events[0].recon_settlement_file.count: must be a whole number from "
                        "1 to 200000, got 0"));
        QCOMPARE(
            parse(
                R"({"at": "1m", "recon_settlement_file": {"count": 5, "provider": "tax-ledger"}})"),
            std::string("events[0].recon_settlement_file.provider: unknown payment provider "
                        "\"tax-ledger\"; known: payments-acme, payments-globex"));
        QVERIFY(
            parse(
                R"({"at": "1m", "recon_settlement_file": {"count": 5, "provider": "payments-acme", "type": "bogus"}})")
                .starts_with("events[0].recon_settlement_file.type: unknown mismatch type"));
        QCOMPARE(
            parse(
                R"({"at": "-1m", "recon_settlement_file": {"count": 5, "provider": "payments-acme"}})"),
            std::string("events[0].at: a settlement file lands in the live timeline: must be "
                        ">= 0"));
        QCOMPARE(
            parse(
                R"({"at": "1m", "recon_settlement_file": {"count": 5, "provider": "payments-acme", "size": 3}})"),
            std::string("events[0].recon_settlement_file.size: unknown key"));
        QCOMPARE(ReconHookParser::typeFromName("duplicate_capture"),
                 int(v1::MISMATCH_TYPE_DUPLICATE_CAPTURE));
    }

    // A file lands when the platform's clock passes its time: that many new
    // mismatches of that provider, after every other one.
    void settlementFileLands()
    {
        Scenario scenario;
        ScenarioSettlementFile file;
        file.atSeconds = 0.2;
        file.count = 3000;
        file.provider = "payments-acme";
        file.region = 1;
        scenario.settlementFiles.push_back(file);
        const PlatformClock clock(kStart * 1000, 1);
        ActionJournal journal;
        ReconSettings settings;
        settings.seed = 5;
        settings.size = 1000;
        ReconStore store(settings, scenario, clock, "epoch", journal);
        store.catchUp();
        QCOMPARE(store.size(), size_t(1000));
        QCOMPARE(store.newestSequence(), uint64_t(0));
        QTRY_COMPARE_WITH_TIMEOUT((store.catchUp(), store.size()), size_t(4000), 5000);
        QCOMPARE(store.newestSequence(), uint64_t(3000));
        std::vector<v1::MismatchEvent> events;
        store.eventsAfter(0, 5000, &events);
        QCOMPARE(events.size(), size_t(3000));
        for (size_t i = 0; i < events.size(); ++i) {
            QCOMPARE(events[i].sequence(), uint64_t(i + 1));
            QCOMPARE(events[i].kind(), v1::MISMATCH_EVENT_KIND_CREATED);
            const v1::Mismatch& m = events[i].mismatch();
            QCOMPARE(m.id(), ReconGenerator::mismatchId(uint32_t(1000 + i)));
            QCOMPARE(m.provider_id(), std::string("payments-acme"));
            QCOMPARE(m.region(), std::string("eu-west"));
            QCOMPARE(m.detected_at().seconds(), kStart);
            QCOMPARE(m.status(), v1::MISMATCH_STATUS_OPEN);
        }
    }
};

QTEST_GUILESS_MAIN(TestReconGenerator)
#include "tst_recon_generator.moc"
