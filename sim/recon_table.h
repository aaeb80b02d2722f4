#pragma once

// The mismatches the store holds: compact rows in index (= id = detection)
// order, their sort orders (ReconIndex), the assignee names rows refer to,
// and a version that changes with every change, so that cached query results
// know when they are stale. Not locked: the owning store holds its mutex.

#include "recon_index.h"
#include "recon_row.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace wfsim {

class ReconTable {
public:
    static constexpr uint32_t kNoSuchAssignee = 0xFFFFFFFF;

    ReconTable();

    const std::vector<ReconRow>& rows() const { return rows_; }
    const ReconIndex& index() const { return index_; }
    uint64_t version() const { return version_; }
    size_t size() const { return rows_.size(); }

    // Takes `rows` as the whole table (at the start).
    void reset(std::vector<ReconRow> rows);
    void append(const std::vector<ReconRow>& rows);
    // Replaces row `index` (its sort positions follow).
    void update(uint32_t index, const ReconRow& row);

    // "" for 0.
    const std::string& assigneeName(uint32_t id) const;
    // The id of a name, made on first use; 0 for "".
    uint32_t assigneeId(const std::string& name);
    // The id of a name, or kNoSuchAssignee (0 for "").
    uint32_t findAssignee(const std::string& name) const;

    // The first index whose detected time is >= `seconds` (rows.size() if none).
    uint32_t firstDetectedAtOrAfter(int64_t seconds) const;

private:
    std::vector<ReconRow> rows_;
    ReconIndex index_;
    std::vector<std::string> assignees_;  // [0] = ""
    std::map<std::string, uint32_t, std::less<>> assigneeIds_;
    uint64_t version_ = 1;
};

}  // namespace wfsim
