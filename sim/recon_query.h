#pragma once

// ListMismatches and SummarizeMismatches over the table. A list is the
// filter's rows in the sort field's order (ties by id, ascending, in either
// direction), found by a pass over the rows (a bit per match) and a walk of
// the field's presorted order (ReconIndex). The last few results are cached
// by (filter, sort, direction, table version), so reading further pages,
// by token or by offset, costs one page.
//
// Pages: page_size 0 = 200, at most 1000 (more is cut to 1000); page.page_token
// (bound to the filter and sort; it holds the last row's sort key and id, so
// rows that do not change meanwhile are read once each, whatever else changes;
// a row that changed is read where it is now) or, without a token, `offset`
// (>= 0; beyond the end: an empty page). total_size always.
// Refusals as ReconFilter's, plus INVALID_VALUE for `sort` and `offset`,
// INVALID_PAGE_SIZE and INVALID_PAGE_TOKEN.

#include "recon_filter.h"
#include "recon_money.h"
#include "recon_table.h"
#include "watchfloor/v1/reconciliation.pb.h"

#include <grpcpp/support/status.h>

#include <array>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <vector>

namespace wfsim {

class ReconQuery {
public:
    static constexpr int kDefaultPageSize = 200;
    static constexpr int kMaxPageSize = 1000;
    static constexpr size_t kCachedResults = 6;

    struct Page {
        std::vector<uint32_t> rows;  // row indices, in order
        int64_t offset = 0;
        int64_t total = 0;
        std::string nextToken;
    };

    struct Summary {
        static constexpr int kTypes = 10;  // MismatchType values
        std::array<int64_t, kTypes> count{};
        std::array<std::array<int64_t, ReconMoney::kCurrencyCount>, kTypes> totals{};
    };

    grpc::Status list(const ReconTable& table, const watchfloor::v1::ListMismatchesRequest& request,
                      int64_t nowSeconds, Page* page);
    // The filter's rows of every type (its type filter is ignored).
    static grpc::Status summarize(const ReconTable& table,
                                  const watchfloor::v1::MismatchFilter& filter, int64_t nowSeconds,
                                  Summary* summary);

    // Lists answered from the cache, and computed (for tests and logs).
    uint64_t cacheHits() const { return hits_; }
    uint64_t cacheMisses() const { return misses_; }

private:
    using Result = std::shared_ptr<const std::vector<uint32_t>>;
    struct Entry {
        std::string key;
        uint64_t version = 0;
        Result rows;
    };

    Result ordered(const ReconTable& table, const ReconFilter& filter,
                   watchfloor::v1::MismatchSortField sort, bool descending);
    static std::vector<uint32_t> compute(const ReconTable& table, const ReconFilter& filter,
                                         watchfloor::v1::MismatchSortField sort, bool descending);

    std::list<Entry> cache_;  // most recently used first
    uint64_t hits_ = 0;
    uint64_t misses_ = 0;
};

}  // namespace wfsim
