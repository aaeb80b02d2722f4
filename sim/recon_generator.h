#pragma once

// Reconciliation mismatches made up from the seed, lazily and
// deterministically: row(index) draws a mismatch's type, provider, region,
// currency, ids and amount; facts(index, row) draws the numbers and times of
// the order, the provider's transactions and the settlement behind it (the
// same ones every time), from which the row's amount was computed. Stateless
// and thread-safe.
//
// Per type (A = the order amount; the amount at stake in brackets):
//   CAPTURED_WITHOUT_ORDER   capture A, settled, no order               [A]
//   ORDER_WITHOUT_CAPTURE    order A, authorized, no capture (sometimes a
//                            failed attempt), nothing settled           [A]
//   AMOUNT_MISMATCH          order A, capture A' != A, settled A'       [|A' - A|]
//   CURRENCY_MISMATCH        order A, capture in another currency       [A]
//   DUPLICATE_CAPTURE        order A, two captures of A, both settled   [A]
//   REFUND_NOT_SETTLED       order A, capture A settled, refund R not   [R]
//   SETTLED_WITHOUT_CAPTURE  order A, authorized, no capture, settled A [A]
//   FEE_DISCREPANCY          order A, capture A, settled with a fee
//                            other than the contracted one              [|fee difference|]
//   CHARGEBACK_WITHOUT_ORDER a chargeback C, debited, no order          [C]

#include "recon_row.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wfsim {

// Where a run of new rows comes from: the start (detected times spread over
// [detectedFrom, detectedTo)) or a settlement file (all detected at once).
struct ReconBatch {
    int64_t detectedFrom = 0;
    int64_t detectedTo = 0;
    uint32_t count = 1;  // rows in the batch (spreads the times)
    int provider = -1;   // -1: the usual mix
    int region = -1;     // -1: the usual mix
    int type = 0;        // 0: the usual mix
    // Rows from before the start: some escalated, some assigned.
    bool history = false;
};

// The numbers and times behind one mismatch, in its currency unless said.
struct ReconFacts {
    bool hasOrder = false;         // generated with an order record
    int64_t orderAmount = 0;       // also without an order: what was charged for it
    int captureCurrency = 0;       // differs only for CURRENCY_MISMATCH
    int captures = 0;              // succeeded captures (0, 1, 2), each of capturedAmount
    int64_t capturedAmount = 0;    // in captureCurrency
    bool captureFailed = false;    // ORDER_WITHOUT_CAPTURE: a failed attempt
    int64_t refundAmount = 0;      // REFUND_NOT_SETTLED
    int64_t chargebackAmount = 0;  // CHARGEBACK_WITHOUT_ORDER
    int64_t disputeFee = 0;        // with a chargeback
    int settledLines = 0;          // settled payment lines, each of settledGross
    int64_t settledGross = 0;      // in captureCurrency
    int64_t contractedFee = 0;     // per settled line
    int64_t chargedFee = 0;        // per settled line
    int64_t createdAt = 0, authorizedAt = 0, capturedAt = 0, settledAt = 0;
    int64_t refundedAt = 0, chargebackAt = 0, failedAt = 0;
    int cardLast4 = 0;
    uint32_t customer = 0;
};

class ReconGenerator {
public:
    explicit ReconGenerator(uint64_t seed) : seed_(seed) {}

    // The row of `index`, the `position`-th of its batch: OPEN, version 1;
    // from history, 7% ESCALATED and 20% assigned (to the store's assignee
    // `1 + k` for k < assigneeNames().size()), one version per such change.
    ReconRow row(uint32_t index, const ReconBatch& batch, uint32_t position) const;
    // Same index and row, same facts.
    ReconFacts facts(uint32_t index, const ReconRow& row) const;
    // The amount at stake the facts make.
    static int64_t amountOf(int type, const ReconFacts& facts);

    // A reference derived from the mismatch's ("re_3N…" for a refund,
    // "pi_3N…" for another payment); `salt` tells them apart.
    std::string derivedReference(uint32_t index, const ReconRow& row, const char* acmePrefix,
                                 const char* globexPrefix, uint64_t salt) const;

    // The payment providers' vendor ids (VendorCatalog): payments-acme, payments-globex.
    static const std::vector<std::string>& providerIds();
    static int providerIndex(const std::string& id);
    // "payments-acme, payments-globex".
    static std::string providerIdList();
    // Who generated rows are assigned to.
    static const std::vector<std::string>& assigneeNames();
    // The fee the provider's contract says for a capture of `gross`.
    static int64_t contractedFee(int provider, int currency, int64_t gross);

    // "pi_3N" (payments-acme) or "ch_" (payments-globex), and how many random
    // characters follow it.
    static const char* referencePrefix(int provider);
    static size_t referenceLength(int provider);
    static constexpr const char* kOrderPrefix = "ord-";

    // "ord-7Q2K9X1D"; "pi_3N…" (payments-acme) / "ch_…" (payments-globex).
    static std::string orderId(const ReconRow& row);
    static std::string providerReference(const ReconRow& row);
    // Writes orderId / providerReference into `out` (at least 32 bytes);
    // returns the length.
    static size_t orderIdInto(const ReconRow& row, char* out);
    static size_t providerReferenceInto(const ReconRow& row, char* out);

    // "mm-000000042" for index 41, and back (-1 if not such an id).
    static std::string mismatchId(uint32_t index);
    static int64_t indexOfId(const std::string& id);

private:
    uint64_t seed_;
};

}  // namespace wfsim
