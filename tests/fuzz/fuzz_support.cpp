#include "fuzz_support.h"

#include <QCoreApplication>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace wffuzz {

uint8_t FuzzInput::byte()
{
    return pos_ < size_ ? data_[pos_++] : 0;
}

uint32_t FuzzInput::u32()
{
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v = (v << 8) | byte();
    return v;
}

int64_t FuzzInput::i64()
{
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v = (v << 8) | byte();
    int64_t out;
    std::memcpy(&out, &v, sizeof out);
    return out;
}

double FuzzInput::f64()
{
    const int64_t bits = i64();
    double out;
    std::memcpy(&out, &bits, sizeof out);
    return out;
}

std::string FuzzInput::bytes(size_t maxBytes)
{
    size_t n = byte();
    if (n == 255)
        n = (size_t(byte()) << 8) | byte();  // an occasional long one
    n = std::min({n, maxBytes, size_ - std::min(pos_, size_)});
    std::string s(reinterpret_cast<const char*>(data_) + pos_, n);
    pos_ += n;
    return s;
}

QByteArray FuzzInput::rest()
{
    if (pos_ >= size_)
        return {};
    QByteArray r(reinterpret_cast<const char*>(data_) + pos_, qsizetype(size_ - pos_));
    pos_ = size_;
    return r;
}

void ensureApplication()
{
    if (QCoreApplication::instance())
        return;
    static int argc = 1;
    static char name[] = "watchfloor-fuzz";
    static char* argv[] = {name, nullptr};
    static QCoreApplication* app = new QCoreApplication(argc, argv);
    (void)app;
}

namespace {

bool isSeparator(QChar c)
{
    return c == QLatin1Char(' ') || c == QChar(0x00A0) || c == QLatin1Char('-') ||
           c == QLatin1Char('.');
}

bool luhn(const QString& digits)
{
    int sum = 0;
    for (qsizetype i = 0; i < digits.size(); ++i) {
        int d = digits[digits.size() - 1 - i].unicode() - u'0';
        if (i % 2 == 1)
            d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    return sum % 10 == 0;
}

}  // namespace

QString visibleCardNumber(const QString& s)
{
    qsizetype i = 0;
    const qsizetype n = s.size();
    while (i < n) {
        if (!s[i].isDigit()) {
            ++i;
            continue;
        }
        QString digits;
        qsizetype j = i;
        while (j < n) {
            if (s[j].isDigit()) {
                digits += QChar(u'0' + s[j].digitValue());
                ++j;
            } else if (isSeparator(s[j]) && j + 1 < n && s[j + 1].isDigit()) {
                ++j;
            } else {
                break;
            }
        }
        if (digits.size() >= 13 && digits.size() <= 19 && luhn(digits))
            return digits;
        i = j;
    }
    return {};
}

void fail(const char* property, const QString& detail)
{
    std::fprintf(stderr, "\nPROPERTY FAILED: %s\n  %s\n", property, detail.toUtf8().constData());
    std::fflush(stderr);
    std::abort();
}

}  // namespace wffuzz
