#pragma once

// The filter's text: a case-insensitive part of a row's provider reference
// ("pi_3N" + 22 or "ch_" + 24 alphanumerics) or order id ("ord-" + 8), found
// without building the strings: where the text may start inside the fixed
// prefix is worked out once, and the random part is searched in place
// (alphanumerics fold to lower case with a single OR).

#include "recon_row.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wfsim {

class ReconTextMatch {
public:
    // `text` in any case; empty matches everything.
    explicit ReconTextMatch(const std::string& text = {});

    bool empty() const { return needle_.empty(); }
    const std::string& folded() const { return needle_; }
    bool matches(const ReconRow& row) const;

private:
    // What the text can do with one fixed prefix.
    struct Prefix {
        bool always = false;          // the text lies inside the prefix
        std::vector<uint8_t> spills;  // k: the text's first k characters end the prefix
    };

    Prefix prefix(const char* text) const;
    bool in(const Prefix& prefix, const char* body, size_t n) const;
    bool startsBody(const char* body, size_t n, size_t k) const;
    bool inBody(const char* body, size_t n) const;

    std::string needle_;        // lower case
    bool alphanumeric_ = true;  // could lie inside a random part
    Prefix acme_, globex_, order_;
};

}  // namespace wfsim
