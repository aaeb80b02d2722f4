#include "recon_text_match.h"

#include "recon_generator.h"

namespace wfsim {

namespace {

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// An ASCII letter or digit in lower case (digits have the 0x20 bit already).
char fold(char c)
{
    return static_cast<char>(c | 0x20);
}

}  // namespace

ReconTextMatch::ReconTextMatch(const std::string& text)
{
    needle_.reserve(text.size());
    for (char c : text) {
        needle_ += lower(c);
        const char l = lower(c);
        alphanumeric_ = alphanumeric_ && ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9'));
    }
    acme_ = prefix(ReconGenerator::referencePrefix(0));
    globex_ = prefix(ReconGenerator::referencePrefix(1));
    order_ = prefix(ReconGenerator::kOrderPrefix);
}

ReconTextMatch::Prefix ReconTextMatch::prefix(const char* text) const
{
    std::string foldedPrefix(text);
    for (char& c : foldedPrefix)
        c = lower(c);
    Prefix out;
    for (size_t o = 0; o < foldedPrefix.size(); ++o) {
        const std::string tail = foldedPrefix.substr(o);
        if (needle_.size() <= tail.size()) {
            out.always = out.always || tail.compare(0, needle_.size(), needle_) == 0;
        } else if (needle_.compare(0, tail.size(), tail) == 0) {
            out.spills.push_back(static_cast<uint8_t>(tail.size()));
        }
    }
    return out;
}

bool ReconTextMatch::matches(const ReconRow& row) const
{
    if (needle_.empty())
        return true;
    if (in(row.provider == 0 ? acme_ : globex_, row.reference.data(),
           ReconGenerator::referenceLength(row.provider))) {
        return true;
    }
    if (!row.hasOrder())
        return false;
    char id[8];
    for (int i = 0; i < 8; ++i)
        id[i] = static_cast<char>((row.orderKey >> (8 * (7 - i))) & 0xFF);
    return in(order_, id, 8);
}

bool ReconTextMatch::in(const Prefix& prefix, const char* body, size_t n) const
{
    if (prefix.always)
        return true;
    for (uint8_t k : prefix.spills) {
        if (startsBody(body, n, k))
            return true;
    }
    return inBody(body, n);
}

bool ReconTextMatch::startsBody(const char* body, size_t n, size_t k) const
{
    const size_t rest = needle_.size() - k;
    if (rest > n)
        return false;
    for (size_t j = 0; j < rest; ++j) {
        if (fold(body[j]) != needle_[k + j])
            return false;
    }
    return true;
}

bool ReconTextMatch::inBody(const char* body, size_t n) const
{
    const size_t m = needle_.size();
    if (!alphanumeric_ || m > n)
        return false;
    const char first = needle_[0];
    for (size_t i = 0; i + m <= n; ++i) {
        if (fold(body[i]) != first)
            continue;
        size_t j = 1;
        while (j < m && fold(body[i + j]) == needle_[j])
            ++j;
        if (j == m)
            return true;
    }
    return false;
}

}  // namespace wfsim
