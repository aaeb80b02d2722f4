// ListMismatches and SummarizeMismatches on a small generated store: every
// filter field, every sort field both ways, paging by token and by offset,
// the cache, and refusals. Expected results are computed here from the rows
// themselves, not by the query.

#include "platform_clock.h"
#include "recon_detail.h"
#include "recon_store.h"

#include <google/protobuf/text_format.h>

#include <QTest>
#include <algorithm>
#include <functional>
#include <map>
#include <set>

using namespace wfsim;
namespace v1 = watchfloor::v1;

namespace {

// 2026-11-25T12:00:00Z
constexpr int64_t kStart = 1795608000;
constexpr int kRows = 3000;

using Predicate = std::function<bool(const v1::Mismatch&)>;

v1::ErrorDetail detailOf(const grpc::Status& status)
{
    v1::ErrorDetail detail;
    detail.ParseFromString(status.error_details());
    return detail;
}

bool openish(const v1::Mismatch& m)
{
    return m.status() == v1::MISMATCH_STATUS_OPEN ||
           m.status() == v1::MISMATCH_STATUS_PENDING_APPROVAL ||
           m.status() == v1::MISMATCH_STATUS_ESCALATED;
}

void allStatuses(v1::MismatchFilter* filter)
{
    for (int s = 1; s <= 5; ++s)
        filter->add_statuses(static_cast<v1::MismatchStatus>(s));
}

// -1, 0, 1 by the sort field alone.
int compareBy(v1::MismatchSortField field, const v1::Mismatch& a, const v1::Mismatch& b)
{
    const auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : y < x ? 1 : 0; };
    switch (field) {
        case v1::MISMATCH_SORT_FIELD_AMOUNT:
            return cmp(a.amount().amount_minor(), b.amount().amount_minor());
        case v1::MISMATCH_SORT_FIELD_TYPE: return cmp(int(a.type()), int(b.type()));
        case v1::MISMATCH_SORT_FIELD_PROVIDER: return cmp(a.provider_id(), b.provider_id());
        case v1::MISMATCH_SORT_FIELD_REGION: return cmp(a.region(), b.region());
        case v1::MISMATCH_SORT_FIELD_STATUS: return cmp(int(a.status()), int(b.status()));
        case v1::MISMATCH_SORT_FIELD_ORDER_ID: return cmp(a.order_id(), b.order_id());
        default: return cmp(a.detected_at().seconds(), b.detected_at().seconds());
    }
}

}  // namespace

class TestReconQuery : public QObject {
    Q_OBJECT

private:
    // Time stands still (speed 1e-9), so ages are exact.
    PlatformClock clock_{kStart * 1000, 1e-9};
    ActionJournal journal_;
    std::unique_ptr<ReconStore> store_;
    std::vector<v1::Mismatch> rows_;  // every row, by id

    v1::ListMismatchesResponse list(const v1::ListMismatchesRequest& request,
                                    grpc::Status* status = nullptr)
    {
        v1::ListMismatchesResponse response;
        const grpc::Status s = store_->list(request, &response);
        if (status)
            *status = s;
        else if (!s.ok())
            qWarning("ListMismatches: %s", s.error_message().c_str());
        return response;
    }

    // Every page by token; checks total_size and offset on each.
    std::vector<std::string> readAll(v1::ListMismatchesRequest request, int pageSize)
    {
        std::vector<std::string> ids;
        request.mutable_page()->set_page_size(pageSize);
        int64_t total = -1;
        for (int pages = 0; pages < 10000; ++pages) {
            const v1::ListMismatchesResponse r = list(request);
            if (total < 0)
                total = r.page().total_size();
            if (r.page().total_size() != total || r.offset() != int64_t(ids.size()))
                qWarning("total %lld offset %lld", (long long)r.page().total_size(),
                         (long long)r.offset());
            for (const v1::Mismatch& m : r.mismatches())
                ids.push_back(m.id());
            if (r.page().next_page_token().empty())
                break;
            request.mutable_page()->set_page_token(r.page().next_page_token());
        }
        if (int64_t(ids.size()) != total)
            qWarning("read %zu of %lld", ids.size(), (long long)total);
        return ids;
    }

    std::vector<std::string> expected(const Predicate& keep, v1::MismatchSortField sort,
                                      bool descending)
    {
        std::vector<v1::Mismatch> kept;
        for (const v1::Mismatch& m : rows_) {
            if (keep(m))
                kept.push_back(m);
        }
        std::stable_sort(kept.begin(), kept.end(),
                         [&](const v1::Mismatch& a, const v1::Mismatch& b) {
                             const int c = compareBy(sort, a, b);
                             if (c != 0)
                                 return descending ? c > 0 : c < 0;
                             return a.id() < b.id();  // ties by id, either way
                         });
        std::vector<std::string> ids;
        for (const v1::Mismatch& m : kept)
            ids.push_back(m.id());
        return ids;
    }

    bool sameAsExpected(const v1::MismatchFilter& filter, const Predicate& keep,
                        v1::MismatchSortField sort = v1::MISMATCH_SORT_FIELD_UNSPECIFIED,
                        bool descending = false)
    {
        v1::ListMismatchesRequest request;
        *request.mutable_filter() = filter;
        request.set_sort(sort);
        request.set_descending(descending);
        const std::vector<std::string> want = expected(keep, sort, descending);
        const std::vector<std::string> got = readAll(request, 700);
        if (got != want) {
            qWarning("sort %d desc %d: got %zu rows, want %zu; first got %s want %s", int(sort),
                     int(descending), got.size(), want.size(), got.empty() ? "-" : got[0].c_str(),
                     want.empty() ? "-" : want[0].c_str());
        }
        return got == want && !want.empty();
    }

private slots:
    void initTestCase()
    {
        ReconSettings settings;
        settings.seed = 21;
        settings.size = kRows;
        store_ = std::make_unique<ReconStore>(settings, Scenario(), clock_, "epoch", journal_);
        v1::ListMismatchesRequest request;
        allStatuses(request.mutable_filter());
        request.mutable_page()->set_page_size(1000);
        for (;;) {
            const v1::ListMismatchesResponse r = list(request);
            QCOMPARE(r.page().total_size(), int64_t(kRows));
            QCOMPARE(r.stream_epoch(), std::string("epoch"));
            QCOMPARE(r.platform_time().seconds(), kStart);
            rows_.insert(rows_.end(), r.mismatches().begin(), r.mismatches().end());
            if (r.page().next_page_token().empty())
                break;
            request.mutable_page()->set_page_token(r.page().next_page_token());
        }
        QCOMPARE(int(rows_.size()), kRows);
        for (int i = 0; i < kRows; ++i)
            QCOMPARE(rows_[size_t(i)].id(), ReconGenerator::mismatchId(uint32_t(i)));
    }

    void defaultIsTheOpenQueueOldestFirst()
    {
        v1::ListMismatchesRequest request;
        const v1::ListMismatchesResponse first = list(request);
        QCOMPARE(first.mismatches_size(), ReconQuery::kDefaultPageSize);
        QCOMPARE(first.offset(), int64_t(0));
        QVERIFY(sameAsExpected({}, openish));
        // A page is at most 1000 rows.
        request.mutable_page()->set_page_size(5000);
        QCOMPARE(list(request).mismatches_size(), ReconQuery::kMaxPageSize);
    }

    void everySortFieldBothWays_data()
    {
        QTest::addColumn<int>("sort");
        QTest::addColumn<bool>("descending");
        for (int sort = 0; sort <= 7; ++sort) {
            const std::string name = v1::MismatchSortField_Name(v1::MismatchSortField(sort));
            QTest::newRow((name + " asc").c_str()) << sort << false;
            QTest::newRow((name + " desc").c_str()) << sort << true;
        }
    }

    void everySortFieldBothWays()
    {
        QFETCH(int, sort);
        QFETCH(bool, descending);
        v1::MismatchFilter filter;
        allStatuses(&filter);
        QVERIFY(sameAsExpected(
            filter, [](const v1::Mismatch&) { return true; }, v1::MismatchSortField(sort),
            descending));
        filter.Clear();
        filter.add_currency_codes("EUR");
        filter.add_currency_codes("JPY");
        QVERIFY(sameAsExpected(
            filter,
            [](const v1::Mismatch& m) {
                return openish(m) &&
                       (m.amount().currency_code() == "EUR" || m.amount().currency_code() == "JPY");
            },
            v1::MismatchSortField(sort), descending));
    }

    void everyFilterField()
    {
        const auto with = [](const std::function<void(v1::MismatchFilter*)>& set) {
            v1::MismatchFilter f;
            set(&f);
            return f;
        };
        QVERIFY(sameAsExpected(with([](auto* f) {
                                   f->add_types(v1::MISMATCH_TYPE_AMOUNT_MISMATCH);
                                   f->add_types(v1::MISMATCH_TYPE_FEE_DISCREPANCY);
                               }),
                               [](const v1::Mismatch& m) {
                                   return openish(m) &&
                                          (m.type() == v1::MISMATCH_TYPE_AMOUNT_MISMATCH ||
                                           m.type() == v1::MISMATCH_TYPE_FEE_DISCREPANCY);
                               }));
        QVERIFY(sameAsExpected(
            with([](auto* f) { f->add_statuses(v1::MISMATCH_STATUS_ESCALATED); }),
            [](const v1::Mismatch& m) { return m.status() == v1::MISMATCH_STATUS_ESCALATED; }));
        QVERIFY(sameAsExpected(with([](auto* f) { f->add_provider_ids("payments-globex"); }),
                               [](const v1::Mismatch& m) {
                                   return openish(m) && m.provider_id() == "payments-globex";
                               }));
        QVERIFY(sameAsExpected(
            with([](auto* f) {
                f->add_regions("ap-south");
                f->add_regions("us-east");
            }),
            [](const v1::Mismatch& m) { return openish(m) && m.region() != "eu-west"; }));
        QVERIFY(sameAsExpected(with([](auto* f) {
                                   f->set_min_amount_minor(5000);
                                   f->set_max_amount_minor(20000);
                               }),
                               [](const v1::Mismatch& m) {
                                   return openish(m) && m.amount().amount_minor() >= 5000 &&
                                          m.amount().amount_minor() <= 20000;
                               }));
        QVERIFY(sameAsExpected(
            with([](auto* f) { f->set_max_amount_minor(300); }),
            [](const v1::Mismatch& m) { return openish(m) && m.amount().amount_minor() <= 300; }));
        const int64_t day = 86400;
        QVERIFY(sameAsExpected(with([&](auto* f) {
                                   f->set_min_age_seconds(10 * day);
                                   f->set_max_age_seconds(20 * day);
                               }),
                               [&](const v1::Mismatch& m) {
                                   const int64_t age = kStart - m.detected_at().seconds();
                                   return openish(m) && age >= 10 * day && age <= 20 * day;
                               }));
        QVERIFY(sameAsExpected(
            with([&](auto* f) { f->set_max_age_seconds(3 * day); }), [&](const v1::Mismatch& m) {
                return openish(m) && kStart - m.detected_at().seconds() <= 3 * day;
            }));
        QVERIFY(sameAsExpected(
            with([](auto* f) { f->set_assignee("-"); }),
            [](const v1::Mismatch& m) { return openish(m) && m.assignee().empty(); }));
        QVERIFY(sameAsExpected(
            with([](auto* f) { f->set_assignee("dana@sim"); }),
            [](const v1::Mismatch& m) { return openish(m) && m.assignee() == "dana@sim"; }));
        v1::ListMismatchesRequest nobody;
        nobody.mutable_filter()->set_assignee("nobody@sim");
        QCOMPARE(list(nobody).page().total_size(), int64_t(0));

        // Text: part of an order id or a provider reference, any case.
        std::string order;
        for (size_t i = 1234; order.empty(); ++i)
            order = rows_[i].order_id();
        QVERIFY(!order.empty());
        std::string part = order.substr(5, 5);
        std::transform(part.begin(), part.end(), part.begin(), ::tolower);
        const auto containsFolded = [](std::string hay, std::string needle) {
            std::transform(hay.begin(), hay.end(), hay.begin(), ::tolower);
            std::transform(needle.begin(), needle.end(), needle.begin(), ::tolower);
            return hay.find(needle) != std::string::npos;
        };
        QVERIFY(
            sameAsExpected(with([&](auto* f) { f->set_text(part); }), [&](const v1::Mismatch& m) {
                return openish(m) && (containsFolded(m.order_id(), part) ||
                                      containsFolded(m.provider_reference(), part));
            }));
        const std::string reference = rows_[77].provider_reference().substr(4, 9);
        QVERIFY(sameAsExpected(
            with([&](auto* f) { f->set_text(reference); }), [&](const v1::Mismatch& m) {
                return openish(m) && (containsFolded(m.order_id(), reference) ||
                                      containsFolded(m.provider_reference(), reference));
            }));
        // Everything at once.
        QVERIFY(sameAsExpected(
            with([](auto* f) {
                f->add_provider_ids("payments-acme");
                f->add_regions("us-east");
                f->add_currency_codes("USD");
                f->set_min_amount_minor(1000);
            }),
            [](const v1::Mismatch& m) {
                return openish(m) && m.provider_id() == "payments-acme" &&
                       m.region() == "us-east" && m.amount().currency_code() == "USD" &&
                       m.amount().amount_minor() >= 1000;
            },
            v1::MISMATCH_SORT_FIELD_AMOUNT, true));
    }

    void offsetsJump()
    {
        v1::ListMismatchesRequest request;
        request.set_sort(v1::MISMATCH_SORT_FIELD_AMOUNT);
        request.set_descending(true);
        request.mutable_page()->set_page_size(100);
        const std::vector<std::string> want =
            expected(openish, v1::MISMATCH_SORT_FIELD_AMOUNT, true);
        for (int64_t offset : {int64_t(0), int64_t(250), int64_t(want.size() - 30)}) {
            request.set_offset(offset);
            const v1::ListMismatchesResponse r = list(request);
            QCOMPARE(r.offset(), offset);
            QCOMPARE(r.page().total_size(), int64_t(want.size()));
            QCOMPARE(r.mismatches_size(),
                     int(std::min<int64_t>(100, int64_t(want.size()) - offset)));
            for (int i = 0; i < r.mismatches_size(); ++i)
                QCOMPARE(r.mismatches(i).id(), want[size_t(offset + i)]);
            // A token after an offset page goes on from there.
            if (!r.page().next_page_token().empty()) {
                v1::ListMismatchesRequest next = request;
                next.mutable_page()->set_page_token(r.page().next_page_token());
                const v1::ListMismatchesResponse n = list(next);
                QCOMPARE(n.offset(), offset + 100);
                QCOMPARE(n.mismatches(0).id(), want[size_t(offset + 100)]);
            }
        }
        request.set_offset(int64_t(want.size()) + 10);
        const v1::ListMismatchesResponse beyond = list(request);
        QCOMPARE(beyond.mismatches_size(), 0);
        QCOMPARE(beyond.page().total_size(), int64_t(want.size()));
        QVERIFY(beyond.page().next_page_token().empty());
    }

    void scrollingIsServedFromTheCache()
    {
        v1::ListMismatchesRequest request;
        request.mutable_filter()->add_regions("eu-west");
        request.set_sort(v1::MISMATCH_SORT_FIELD_ORDER_ID);
        request.mutable_page()->set_page_size(50);
        const auto [hits0, misses0] = store_->cacheCounters();
        for (int64_t offset = 0; offset < 1000; offset += 50) {
            request.set_offset(offset);
            QCOMPARE(list(request).offset(), offset);
        }
        const auto [hits1, misses1] = store_->cacheCounters();
        QCOMPARE(misses1 - misses0, uint64_t(1));
        QCOMPARE(hits1 - hits0, uint64_t(19));
    }

    void summaryCountsEveryType()
    {
        v1::SummarizeMismatchesRequest request;
        request.mutable_filter()->add_types(v1::MISMATCH_TYPE_FEE_DISCREPANCY);  // ignored
        request.mutable_filter()->add_regions("eu-west");
        v1::SummarizeMismatchesResponse response;
        QVERIFY(store_->summarize(request, &response).ok());
        std::map<int, int64_t> counts;
        std::map<int, std::map<std::string, int64_t>> totals;
        int64_t all = 0;
        for (const v1::Mismatch& m : rows_) {
            if (!openish(m) || m.region() != "eu-west")
                continue;
            ++counts[m.type()];
            totals[m.type()][m.amount().currency_code()] += m.amount().amount_minor();
            ++all;
        }
        QCOMPARE(response.total_count(), all);
        QCOMPARE(response.types_size(), 9);
        for (const v1::TypeSummary& t : response.types()) {
            QCOMPARE(t.count(), counts[t.type()]);
            std::map<std::string, int64_t> got;
            for (const v1::Money& money : t.totals())
                got[money.currency_code()] = money.amount_minor();
            QCOMPARE(got, totals[t.type()]);
        }
    }

    // Rows that do not change between pages are read once each, new ones
    // where they belong; a row that changed is read where it is now.
    void tokensSurviveChanges()
    {
        PlatformClock clock(kStart * 1000, 1e-9);
        ActionJournal journal;
        ReconSettings settings;
        settings.seed = 22;
        settings.size = 400;
        ReconStore store(settings, Scenario(), clock, "e", journal);
        v1::ListMismatchesRequest request;
        allStatuses(request.mutable_filter());
        request.set_sort(v1::MISMATCH_SORT_FIELD_STATUS);
        request.mutable_page()->set_page_size(100);
        v1::ListMismatchesResponse page;
        QVERIFY(store.list(request, &page).ok());
        std::vector<std::string> seen;
        for (const v1::Mismatch& m : page.mismatches())
            seen.push_back(m.id());
        // A settlement file lands (open rows, after every other open one by id)
        ScenarioSettlementFile file;
        file.count = 50;
        file.provider = "payments-acme";
        store.addSettlementFile(file);
        // and someone resolves a row already read and one not read yet.
        Caller caller;
        caller.actor = "operator@sim";
        caller.role = v1::ROLE_OPERATOR;
        for (const std::string& id : {seen[10], ReconGenerator::mismatchId(399)}) {
            v1::GetMismatchRequest get;
            get.set_mismatch_id(id);
            v1::GetMismatchResponse detail;
            QVERIFY(store.get(get, &detail).ok());
            v1::ResolveMismatchRequest resolve;
            resolve.mutable_context()->set_idempotency_key("k-" + id);
            resolve.mutable_context()->set_reason("provider must explain");
            resolve.set_mismatch_id(id);
            resolve.set_action(v1::RESOLUTION_ACTION_MARK_MATCHED);
            resolve.set_note("matched by hand");
            resolve.set_expected_version(detail.detail().mismatch().version());
            v1::ResolveMismatchResponse resolved;
            const grpc::Status status = store.resolve(caller, resolve, &resolved);
            QVERIFY2(status.ok(), status.error_message().c_str());
        }
        while (!page.page().next_page_token().empty()) {
            request.mutable_page()->set_page_token(page.page().next_page_token());
            page.Clear();
            QVERIFY(store.list(request, &page).ok());
            for (const v1::Mismatch& m : page.mismatches())
                seen.push_back(m.id());
        }
        std::map<std::string, int> times;
        for (const std::string& id : seen)
            ++times[id];
        QCOMPARE(times.size(), size_t(450));
        QCOMPARE(seen.size(), size_t(451));
        QVERIFY(times.contains(ReconGenerator::mismatchId(449)));
        for (const auto& [id, n] : times)
            QCOMPARE(n, id == seen[10] ? 2 : 1);    // read as open, then again as resolved
        QCOMPARE(seen[seen.size() - 2], seen[10]);  // both now RESOLVED: last, by id
        QCOMPARE(seen.back(), ReconGenerator::mismatchId(399));
    }

    // After changes to status and order ids, and new rows, every order and
    // its runs of equal keys still hold.
    void ordersFollowChanges()
    {
        auto store = std::make_unique<ReconStore>(
            ReconSettings{23, 600, ReconSettings::kDefaultThresholdMinor}, Scenario(), clock_, "e",
            journal_);
        Caller caller;
        caller.actor = "operator@sim";
        caller.role = v1::ROLE_OPERATOR;
        int changed = 0;
        for (uint32_t i = 0; i < 600; i += 7) {
            const std::string id = ReconGenerator::mismatchId(i);
            v1::GetMismatchRequest get;
            get.set_mismatch_id(id);
            v1::GetMismatchResponse detail;
            QVERIFY(store->get(get, &detail).ok());
            const auto& actions = detail.detail().applicable_actions();
            const bool orderless =
                std::find(actions.begin(), actions.end(),
                          v1::RESOLUTION_ACTION_CREATE_ORDER_RECORD) != actions.end();
            v1::ResolveMismatchRequest resolve;
            resolve.mutable_context()->set_idempotency_key("k" + id);
            resolve.mutable_context()->set_reason("tidying");
            resolve.set_mismatch_id(id);
            resolve.set_expected_version(detail.detail().mismatch().version());
            resolve.set_action(orderless    ? v1::RESOLUTION_ACTION_CREATE_ORDER_RECORD
                               : i % 2 == 0 ? v1::RESOLUTION_ACTION_MARK_MATCHED
                                            : v1::RESOLUTION_ACTION_ESCALATE_TO_PROVIDER);
            resolve.set_note("n");
            v1::ResolveMismatchResponse response;
            changed += store->resolve(caller, resolve, &response).ok() ? 1 : 0;
        }
        QVERIFY(changed > 70);
        ScenarioSettlementFile file;
        file.count = 120;
        file.provider = "payments-globex";
        store->addSettlementFile(file);

        std::swap(store, store_);
        std::vector<v1::Mismatch> rows;
        std::swap(rows, rows_);
        v1::ListMismatchesRequest request;
        allStatuses(request.mutable_filter());
        request.mutable_page()->set_page_size(1000);
        const v1::ListMismatchesResponse all = list(request);
        rows_.assign(all.mismatches().begin(), all.mismatches().end());
        v1::MismatchFilter filter;
        allStatuses(&filter);
        bool ok = rows_.size() == 720;
        for (int sort = 0; sort <= 7; ++sort) {
            for (bool descending : {false, true}) {
                ok = ok && sameAsExpected(
                               filter, [](const v1::Mismatch&) { return true; },
                               v1::MismatchSortField(sort), descending);
            }
        }
        std::swap(store, store_);
        std::swap(rows, rows_);
        QVERIFY(ok);
    }

    // Large tables are generated and sorted on two threads: the same rows as
    // one at a time, every order sorted by (key, index), every tie flag right.
    void largeTablesAreBuiltInParallel()
    {
        const uint32_t n = ReconStore::kParallelFrom + 20000;
        ReconSettings settings;
        settings.seed = 24;
        settings.size = int(n);
        ReconStore store(settings, Scenario(), clock_, "e", journal_);
        ReconBatch batch;
        batch.detectedFrom = kStart - ReconStore::kHistorySeconds;
        batch.detectedTo = kStart;
        batch.count = n;
        batch.history = true;
        std::vector<ReconRow> rows(n);
        for (uint32_t i = 0; i < n; ++i)
            rows[i] = store.generator().row(i, batch, i);
        ReconTable table;
        table.reset(rows);
        for (uint32_t i = 0; i < n; i += 997) {
            v1::GetMismatchRequest get;
            get.set_mismatch_id(ReconGenerator::mismatchId(i));
            v1::GetMismatchResponse got;
            QVERIFY(store.get(get, &got).ok());
            v1::Mismatch want;
            ReconDetail(store.generator())
                .row(i, rows[i], table.assigneeName(rows[i].assignee), "", &want);
            QCOMPARE(got.detail().mismatch().SerializeAsString(), want.SerializeAsString());
        }
        for (int f = 0; f <= 7; ++f) {
            const auto field = v1::MismatchSortField(f);
            const std::vector<uint32_t>* order = table.index().ascending(field);
            const std::vector<uint8_t>& ties = table.index().ties(field);
            QCOMPARE(ties.size(), size_t(n));
            const auto at = [&](uint32_t p) { return order ? (*order)[p] : p; };
            for (uint32_t p = 1; p < n; ++p) {
                const uint64_t a = ReconIndex::key(rows[at(p - 1)], field);
                const uint64_t b = ReconIndex::key(rows[at(p)], field);
                QVERIFY(a < b || (a == b && at(p - 1) < at(p)));
                QCOMPARE(ties[p], uint8_t(a == b ? 1 : 0));
            }
        }
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("request");  // text format
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("field");
        QTest::newRow("text too long")
            << QByteArray("filter { text: \"" + QByteArray(129, 'a') + "\" }") << "INVALID_VALUE"
            << "filter.text";
        QTest::newRow("min above max")
            << QByteArray("filter { min_amount_minor: 500 max_amount_minor: 100 }")
            << "INVALID_RANGE"
            << "filter.max_amount_minor";
        QTest::newRow("negative amount")
            << QByteArray("filter { min_amount_minor: -1 }") << "INVALID_VALUE"
            << "filter.min_amount_minor";
        QTest::newRow("negative age")
            << QByteArray("filter { max_age_seconds: -5 }") << "INVALID_VALUE"
            << "filter.max_age_seconds";
        QTest::newRow("ages crossed")
            << QByteArray("filter { min_age_seconds: 90 max_age_seconds: 60 }") << "INVALID_RANGE"
            << "filter.max_age_seconds";
        QTest::newRow("unknown sort") << QByteArray("sort: 99") << "INVALID_VALUE"
                                      << "sort";
        QTest::newRow("unknown type") << QByteArray("filter { types: 42 }") << "INVALID_VALUE"
                                      << "filter.types[0]";
        QTest::newRow("unspecified status")
            << QByteArray("filter { statuses: MISMATCH_STATUS_OPEN statuses: 0 }")
            << "INVALID_VALUE"
            << "filter.statuses[1]";
        QTest::newRow("unknown provider")
            << QByteArray("filter { provider_ids: \"tax-ledger\" }") << "UNKNOWN_PROVIDER"
            << "filter.provider_ids[0]";
        QTest::newRow("unknown region")
            << QByteArray("filter { regions: \"mars\" }") << "UNKNOWN_REGION"
            << "filter.regions[0]";
        QTest::newRow("unknown currency")
            << QByteArray("filter { currency_codes: \"usd\" }") << "UNKNOWN_CURRENCY"
            << "filter.currency_codes[0]";
        QTest::newRow("negative offset") << QByteArray("offset: -1") << "INVALID_VALUE"
                                         << "offset";
        QTest::newRow("negative page size")
            << QByteArray("page { page_size: -1 }") << "INVALID_PAGE_SIZE"
            << "page.page_size";
        QTest::newRow("forged token")
            << QByteArray("page { page_token: \"bm9wZQ\" }") << "INVALID_PAGE_TOKEN"
            << "page.page_token";
    }

    void refusals()
    {
        QFETCH(QByteArray, request);
        QFETCH(QString, reason);
        QFETCH(QString, field);
        v1::ListMismatchesRequest r;
        QVERIFY(google::protobuf::TextFormat::ParseFromString(request.toStdString(), &r));
        grpc::Status status;
        list(r, &status);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(QString::fromStdString(detailOf(status).reason()), reason);
        QCOMPARE(QString::fromStdString(detailOf(status).field()), field);
        QVERIFY(!status.error_message().empty());
    }

    void tokensAreBoundToTheFilter()
    {
        v1::ListMismatchesRequest request;
        request.mutable_filter()->add_regions("eu-west");
        const v1::ListMismatchesResponse first = list(request);
        QVERIFY(!first.page().next_page_token().empty());
        request.mutable_page()->set_page_token(first.page().next_page_token());
        request.set_descending(true);
        grpc::Status status;
        list(request, &status);
        QCOMPARE(detailOf(status).reason(), std::string("INVALID_PAGE_TOKEN"));
        // The offset is not part of the filter: a token is used with any offset.
        request.set_descending(false);
        request.set_offset(999);
        QCOMPARE(list(request).offset(), int64_t(ReconQuery::kDefaultPageSize));
    }
};

QTEST_GUILESS_MAIN(TestReconQuery)
#include "tst_recon_query.moc"
