#pragma once

// A MismatchFilter, validated and resolved against the table: sets as bit
// masks, the age bounds as a range of indices (rows are in detection
// order), the assignee as an id, the text folded to lower case. Two
// requests that select the same rows of the same table version have the
// same key(), whatever the time between them.
//
// Refusals (INVALID_ARGUMENT, field named with the caller's prefix):
// INVALID_VALUE (an unknown type or status, a negative amount or age, text
// or assignee over 128 characters), INVALID_RANGE (min above max),
// UNKNOWN_PROVIDER, UNKNOWN_REGION, UNKNOWN_CURRENCY.

#include "recon_row.h"
#include "recon_table.h"
#include "recon_text_match.h"
#include "watchfloor/v1/reconciliation.pb.h"

#include <grpcpp/support/status.h>

#include <cstdint>
#include <string>

namespace wfsim {

class ReconFilter {
public:
    static constexpr int kMaxTextLength = 128;

    static grpc::Status resolve(const watchfloor::v1::MismatchFilter& filter,
                                const std::string& prefix, const ReconTable& table,
                                int64_t nowSeconds, ReconFilter* out);

    // The types filter is ignored (SummarizeMismatches).
    void ignoreTypes() { types_ = 0; }
    uint32_t firstIndex() const { return first_; }
    uint32_t endIndex() const { return end_; }
    // For a row inside [firstIndex, endIndex).
    bool matches(const ReconRow& row) const;
    std::string key() const;

private:
    enum class Assignee : uint8_t { Any, Unassigned, Exact };

    uint32_t types_ = 0;  // bit per MismatchType; 0: any
    uint32_t statuses_ = 0;
    uint32_t providers_ = 0;  // 0: any
    uint32_t regions_ = 0;
    uint32_t currencies_ = 0;
    int64_t minAmount_ = 0;  // 0: no bound
    int64_t maxAmount_ = 0;
    uint32_t first_ = 0;
    uint32_t end_ = 0;
    Assignee assigneeMode_ = Assignee::Any;
    uint32_t assignee_ = 0;
    ReconTextMatch text_;
};

}  // namespace wfsim
