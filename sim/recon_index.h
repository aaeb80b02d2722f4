#pragma once

// The rows' order for every sort field, kept up to date: per field, the row
// indices sorted by (key, index) ascending. Detected time needs no array:
// rows are appended in detection order, so index order is detected-at order.
// Keys are unsigned integers whose order is the field's: detected_at, |amount|,
// type, provider id, region id (both alphabetically), status, order id (none
// first; ids as text). Beside each order, a flag per position: same key as
// the position before (so that runs of equal keys are known without reading
// the rows). Not locked: the owning store holds its mutex.

#include "recon_row.h"
#include "watchfloor/v1/reconciliation.pb.h"

#include <array>
#include <cstdint>
#include <vector>

namespace wfsim {

class ReconIndex {
public:
    static uint64_t key(const ReconRow& row, watchfloor::v1::MismatchSortField field);

    // Sorts everything anew (on two threads for many rows).
    void rebuild(const std::vector<ReconRow>& rows);
    // Rows [firstNew, rows.size()) were appended.
    void appended(const std::vector<ReconRow>& rows, size_t firstNew);
    // rows[index] changed from `before`: moves it where its keys say.
    void changed(const std::vector<ReconRow>& rows, uint32_t index, const ReconRow& before);

    // The ascending order for `field`; nullptr means index order.
    const std::vector<uint32_t>* ascending(watchfloor::v1::MismatchSortField field) const;
    // Per position of that order: 1 if its key equals the one before.
    const std::vector<uint8_t>& ties(watchfloor::v1::MismatchSortField field) const;

private:
    static constexpr int kFieldCount = 8;  // MismatchSortField values
    static constexpr size_t kParallelFrom = 100000;

    void rebuildField(const std::vector<ReconRow>& rows, int field);
    // ties_[field][position], from the key of the row there and before.
    void retie(const std::vector<ReconRow>& rows, int field, size_t position, uint32_t index,
               uint64_t indexKey);

    std::array<std::vector<uint32_t>, kFieldCount> order_;  // empty for index order
    std::array<std::vector<uint8_t>, kFieldCount> ties_;    // index order: detected_at's
};

}  // namespace wfsim
