#include "recon_filter_bar.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QTimer>

namespace wf {

namespace {

constexpr qint64 kHour = 3600;

void fill(QComboBox* box, const QString& any, const QStringList& values)
{
    const QString current = box->currentData().toString();
    box->clear();
    box->addItem(any, QString());
    for (const QString& v : values)
        box->addItem(v, v);
    const int i = box->findData(current);
    box->setCurrentIndex(i >= 0 ? i : 0);
}

}  // namespace

ReconFilterBar::ReconFilterBar(QWidget* parent)
    : QWidget(parent),
      type_(new QComboBox(this)),
      status_(new QComboBox(this)),
      provider_(new QComboBox(this)),
      region_(new QComboBox(this)),
      currency_(new QComboBox(this)),
      minAmount_(new QLineEdit(this)),
      maxAmount_(new QLineEdit(this)),
      age_(new QComboBox(this)),
      assignee_(new QComboBox(this)),
      search_(new QLineEdit(this)),
      problem_(new QLabel(this)),
      debounce_(new QTimer(this))
{
    type_->setObjectName(QStringLiteral("reconType"));
    status_->setObjectName(QStringLiteral("reconStatus"));
    search_->setObjectName(QStringLiteral("reconSearch"));
    problem_->setObjectName(QStringLiteral("reconFilterProblem"));
    problem_->setStyleSheet(QStringLiteral("color:#e0b04a"));

    type_->addItem(tr("All types"), -1);
    for (int t = 1; t < kMismatchTypeCount; ++t)
        type_->addItem(mismatchTypeName(MismatchType(t)), t);
    status_->addItem(tr("Open queue"), -1);
    for (MismatchStatus s :
         {MismatchStatus::Open, MismatchStatus::PendingApproval, MismatchStatus::Escalated,
          MismatchStatus::Resolved, MismatchStatus::WrittenOff})
        status_->addItem(mismatchStatusName(s), int(s));
    fill(provider_, tr("All providers"), {});
    fill(region_, tr("All regions"), {});
    fill(currency_, tr("All currencies"), {});
    age_->addItem(tr("Any age"), 0);
    age_->addItem(tr("Older than 1 h"), kHour);
    age_->addItem(tr("Older than 24 h"), 24 * kHour);
    age_->addItem(tr("Older than 3 days"), 72 * kHour);
    age_->addItem(tr("Older than 7 days"), 168 * kHour);
    assignee_->addItem(tr("Anyone"), QString());
    assignee_->addItem(tr("Unassigned"), QStringLiteral("-"));
    assignee_->addItem(tr("Assigned to me"), QStringLiteral("@me"));
    const auto* amount = new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("\\d{0,13}([.]\\d{0,3})?")), this);
    for (QLineEdit* e : {minAmount_, maxAmount_}) {
        e->setValidator(amount);
        e->setMaximumWidth(90);
        e->setClearButtonEnabled(true);
    }
    minAmount_->setPlaceholderText(tr("from"));
    maxAmount_->setPlaceholderText(tr("to"));
    search_->setPlaceholderText(tr("Order id or provider reference…"));
    search_->setClearButtonEnabled(true);
    search_->setMaxLength(MismatchFilter::kMaxTextLength);
    debounce_->setSingleShot(true);
    debounce_->setInterval(250);

    // Two rows, so the bar fits next to the detail pane on a small screen.
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    for (QWidget* w :
         std::initializer_list<QWidget*>{type_, status_, provider_, region_, currency_})
        row->addWidget(w, 1);
    auto* row2 = new QHBoxLayout;
    row2->setContentsMargins(0, 0, 0, 0);
    row2->addWidget(search_, 3);
    row2->addWidget(new QLabel(tr("Amount"), this));
    row2->addWidget(minAmount_);
    row2->addWidget(maxAmount_);
    row2->addWidget(age_, 1);
    row2->addWidget(assignee_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(row);
    layout->addLayout(row2);
    layout->addWidget(problem_);
    problem_->hide();

    for (QComboBox* box : {type_, status_, provider_, region_, currency_, age_, assignee_}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
    }
    for (QComboBox* box : {type_, status_, provider_, region_, currency_, age_, assignee_})
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            if (!updating_)
                emitIfValid();
        });
    for (QLineEdit* e : {minAmount_, maxAmount_, search_})
        connect(e, &QLineEdit::textChanged, this, [this] {
            if (!updating_)
                debounce_->start();
        });
    connect(debounce_, &QTimer::timeout, this, &ReconFilterBar::emitIfValid);
}

void ReconFilterBar::setChoices(const QStringList& providers, const QStringList& regions,
                                const QStringList& currencies)
{
    updating_ = true;
    fill(provider_, tr("All providers"), providers);
    fill(region_, tr("All regions"), regions);
    fill(currency_, tr("All currencies"), currencies);
    updating_ = false;
}

qint64 ReconFilterBar::minorOf(const QString& text, bool* ok) const
{
    *ok = true;
    if (text.trimmed().isEmpty())
        return 0;
    // The selected currency's exponent (two decimals when none is selected).
    const QString currency = currency_->currentData().toString();
    const int exponent = currency.isEmpty() ? 2 : std::max(0, Money::exponent(currency));
    const QStringList parts = text.split('.');
    const qint64 whole = parts.value(0).toLongLong(ok);
    if (!*ok)
        return 0;
    QString fraction = parts.value(1);
    if (fraction.size() > exponent) {
        *ok = false;
        return 0;
    }
    fraction = fraction.leftJustified(exponent, '0');
    qint64 unit = 1;
    for (int i = 0; i < exponent; ++i)
        unit *= 10;
    return whole * unit + (exponent > 0 ? fraction.toLongLong() : 0);
}

MismatchFilter ReconFilterBar::filter() const
{
    MismatchFilter f;
    const int type = type_->currentData().toInt();
    if (type > 0)
        f.types = {MismatchType(type)};
    const int status = status_->currentData().toInt();
    if (status > 0)
        f.statuses = {MismatchStatus(status)};
    if (const QString p = provider_->currentData().toString(); !p.isEmpty())
        f.providerIds = {p};
    if (const QString r = region_->currentData().toString(); !r.isEmpty())
        f.regions = {r};
    if (const QString c = currency_->currentData().toString(); !c.isEmpty())
        f.currencies = {c};
    bool ok = true;
    f.minAmountMinor = minorOf(minAmount_->text(), &ok);
    f.maxAmountMinor = minorOf(maxAmount_->text(), &ok);
    f.minAgeSeconds = age_->currentData().toLongLong();
    const QString who = assignee_->currentData().toString();
    f.assignee =
        who == QLatin1String("@me") ? (actor_.isEmpty() ? QStringLiteral("-") : actor_) : who;
    f.text = search_->text().trimmed();
    return f;
}

void ReconFilterBar::setFilter(const MismatchFilter& f)
{
    updating_ = true;
    type_->setCurrentIndex(std::max(0, type_->findData(f.types.isEmpty() ? -1 : int(f.types[0]))));
    status_->setCurrentIndex(
        std::max(0, status_->findData(f.statuses.isEmpty() ? -1 : int(f.statuses[0]))));
    provider_->setCurrentIndex(std::max(0, provider_->findData(f.providerIds.value(0))));
    region_->setCurrentIndex(std::max(0, region_->findData(f.regions.value(0))));
    currency_->setCurrentIndex(std::max(0, currency_->findData(f.currencies.value(0))));
    search_->setText(f.text);
    updating_ = false;
}

void ReconFilterBar::emitIfValid()
{
    bool okMin = true, okMax = true;
    minorOf(minAmount_->text(), &okMin);
    minorOf(maxAmount_->text(), &okMax);
    const MismatchFilter f = filter();
    QString problem = f.validate();
    if (problem.isEmpty() && (!okMin || !okMax))
        problem = tr("That amount has more decimals than the currency has.");
    problem_->setText(problem);
    problem_->setVisible(!problem.isEmpty());
    if (problem.isEmpty())
        emit filterChanged(f);
}

}  // namespace wf
