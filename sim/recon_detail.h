#pragma once

// A mismatch as the contract shows it: the queue row (Mismatch, with its
// summary line) and the full detail (the order, every provider transaction,
// the settlement lines, what should agree and what was observed, notes),
// built from the generator's facts plus what actions added (ReconExtras).
//
// Expected / observed compare the two sides that disagree, in their
// currencies; difference = observed - expected when they share one:
//   captured without order, order without capture, amount, currency,
//   duplicate capture: the order amount (0 without an order) / captured
//   net of refunds at the provider;
//   refund not settled: refunded at the provider / refunds settled;
//   settled without capture: captured at the provider / settled gross;
//   fee discrepancy: the contracted fee / the fee charged;
//   chargeback without order: the order amount (0) / the amount charged back.

#include "recon_generator.h"
#include "recon_row.h"
#include "watchfloor/v1/reconciliation.pb.h"

#include <optional>
#include <string>
#include <vector>

namespace wfsim {

// What actions added to a mismatch.
struct ReconExtras {
    std::vector<watchfloor::v1::ProviderTransaction> transactions;
    std::optional<watchfloor::v1::OrderRecord> order;  // CREATE_ORDER_RECORD
    std::vector<watchfloor::v1::MismatchNote> notes;
};

class ReconDetail {
public:
    explicit ReconDetail(const ReconGenerator& generator) : generator_(generator) {}

    // The queue row; `assignee` and `approvalId` as the store names them.
    void row(uint32_t index, const ReconRow& row, const std::string& assignee,
             const std::string& approvalId, watchfloor::v1::Mismatch* out) const;
    // Everything but mismatch and applicable_actions (the store's).
    void detail(uint32_t index, const ReconRow& row, const ReconExtras* extras,
                watchfloor::v1::MismatchDetail* out) const;

    // One line a human can read: "captured 42.10 EUR, order says 41.10 EUR".
    static std::string summary(const ReconRow& row, const ReconFacts& facts);
    // Succeeded captures minus succeeded refunds in `currency` (minor units).
    static int64_t capturedNet(const watchfloor::v1::MismatchDetail& detail,
                               const std::string& currency);
    // "2026-11-25" for Unix seconds.
    static std::string dateText(int64_t seconds);

private:
    void transactions(uint32_t index, const ReconRow& row, const ReconFacts& f,
                      watchfloor::v1::MismatchDetail* out) const;
    void settlementLines(uint32_t index, const ReconRow& row, const ReconFacts& f,
                         watchfloor::v1::MismatchDetail* out) const;
    static void compare(const ReconRow& row, const ReconFacts& f,
                        watchfloor::v1::MismatchDetail* out);

    const ReconGenerator& generator_;
};

}  // namespace wfsim
