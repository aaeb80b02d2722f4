#pragma once

// One reconciliation mismatch as the store keeps it: 72 bytes, so that a
// million of them stay cheap. Everything else about it (the order, the
// provider's transactions, the settlement lines, the summary) is derived on
// demand from the seed, its index and these fields (ReconGenerator), plus
// what actions added (ReconExtras in the store).

#include <array>
#include <cstdint>

namespace wfsim {

struct ReconRow {
    static constexpr uint8_t kHasOrder = 1;         // order_id is set
    static constexpr uint8_t kOrderCreated = 2;     // by CREATE_ORDER_RECORD
    static constexpr uint8_t kEscalatedBefore = 4;  // escalated before the start (a note says so)

    int64_t detectedAt = 0;   // Unix seconds; never decreases with the index
    int64_t amountMinor = 0;  // the amount at stake, positive, in `currency`
    // The order id's 8 characters ("7Q2K9X1D" of "ord-7Q2K9X1D") packed
    // big-endian, so that comparing keys compares ids; kept also while there
    // is no order (the id a created order record gets).
    uint64_t orderKey = 0;
    // The random part of the provider reference ("pi_3N" + 22 of them, or
    // "ch_" + 24, by provider).
    std::array<char, 24> reference{};
    uint32_t version = 1;
    uint32_t assignee = 0;  // the store's assignee table; 0: unassigned
    uint32_t approval = 0;  // pending approval: its index + 1; 0: none
    uint8_t type = 0;       // watchfloor.v1.MismatchType
    uint8_t status = 0;     // watchfloor.v1.MismatchStatus
    uint8_t provider = 0;   // ReconGenerator::providerIds() index
    uint8_t region = 0;     // JourneyCatalog region index
    uint8_t currency = 0;   // ReconMoney index: the order's (the capture's without an order)
    uint8_t flags = 0;

    bool hasOrder() const { return (flags & kHasOrder) != 0; }
};

}  // namespace wfsim
