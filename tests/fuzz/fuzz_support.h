#pragma once

// What the fuzz targets share: reading typed values out of the fuzzer's
// bytes, and failing loudly (abort, so libFuzzer keeps the input) when a
// property the target checks does not hold.

#include <QByteArray>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <string>

namespace wffuzz {

// Consumes the input from the front; once it runs out every value is zero or
// empty, so a target never reads past the end.
class FuzzInput {
public:
    FuzzInput(const uint8_t* data, size_t size) : data_(data), size_(size) {}

    bool empty() const { return pos_ >= size_; }
    uint8_t byte();
    bool flag() { return byte() & 1; }
    uint32_t u32();
    int64_t i64();
    // Any bit pattern: NaN, infinities and denormals included.
    double f64();
    // A length-prefixed run of raw bytes (at most maxBytes), as the platform
    // would send them: not necessarily UTF-8.
    std::string bytes(size_t maxBytes);
    QString text(size_t maxBytes) { return QString::fromStdString(bytes(maxBytes)); }
    // Everything not consumed yet.
    QByteArray rest();

private:
    const uint8_t* data_;
    size_t size_;
    size_t pos_ = 0;
};

// A QCoreApplication for code that needs one (resources, settings); made once.
void ensureApplication();

// Written independently of the redactor: the first maximal run of digits
// (any script's; single space, no-break space, dash or dot between them)
// that is a card number (13..19 digits passing Luhn), or empty.
QString visibleCardNumber(const QString& text);

[[noreturn]] void fail(const char* property, const QString& detail);

}  // namespace wffuzz

#define FUZZ_CHECK(condition, detail)             \
    do {                                          \
        if (!(condition))                         \
            ::wffuzz::fail(#condition, (detail)); \
    } while (false)
