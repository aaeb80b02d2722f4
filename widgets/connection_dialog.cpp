#include "connection_dialog.h"

#include "connection_profile.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace wf {

ConnectionDialog::ConnectionDialog(const EndpointConfig& current, QWidget* parent)
    : QDialog(parent),
      base_(current),
      endpoint_(new QLineEdit(current.target, this)),
      tls_(new QCheckBox(tr("Use TLS"), this)),
      caPath_(new QLineEdit(current.caCertificatePath, this)),
      certPath_(new QLineEdit(current.clientCertificatePath, this)),
      keyPath_(new QLineEdit(current.clientKeyPath, this)),
      token_(new QLineEdit(current.token, this)),
      error_(new QLabel(this))
{
    setWindowTitle(tr("Connect to a platform"));
    endpoint_->setObjectName(QStringLiteral("endpoint"));
    endpoint_->setPlaceholderText(QStringLiteral("host:port"));
    tls_->setObjectName(QStringLiteral("tls"));
    tls_->setChecked(current.tls);
    caPath_->setObjectName(QStringLiteral("caCertificate"));
    caPath_->setPlaceholderText(tr("CA certificate (PEM); empty = system roots"));
    certPath_->setObjectName(QStringLiteral("clientCertificate"));
    certPath_->setPlaceholderText(tr("Mutual TLS: this console's certificate (PEM); optional"));
    keyPath_->setObjectName(QStringLiteral("clientKey"));
    keyPath_->setPlaceholderText(tr("Mutual TLS: its private key (PEM)"));
    token_->setObjectName(QStringLiteral("token"));
    token_->setEchoMode(QLineEdit::Password);
    token_->setPlaceholderText(tr("Bearer token (kept in memory only)"));
    error_->setObjectName(QStringLiteral("message"));
    error_->setStyleSheet(QStringLiteral("color:#e06c6c"));
    error_->setWordWrap(true);

    const QString pem = tr("PEM files (*.pem *.crt *.key);;All files (*)");
    QHBoxLayout* caRow = nullptr;
    QHBoxLayout* certRow = nullptr;
    QHBoxLayout* keyRow = nullptr;
    fileRow(caPath_, tr("CA certificate"), pem, &caRow);
    fileRow(certPath_, tr("Client certificate"), pem, &certRow);
    fileRow(keyPath_, tr("Client key"), pem, &keyRow);

    auto* form = new QFormLayout;
    form->addRow(tr("&Endpoint:"), endpoint_);
    form->addRow(QString(), tls_);
    // A row holding a layout gets no buddy from QFormLayout: without one the
    // label would show its "&" instead of the shortcut.
    const auto buddyLabel = [this](const QString& text, QWidget* buddy) {
        auto* label = new QLabel(text, this);
        label->setBuddy(buddy);
        return label;
    };
    form->addRow(buddyLabel(tr("CA &certificate:"), caPath_), caRow);
    form->addRow(buddyLabel(tr("C&lient certificate:"), certPath_), certRow);
    form->addRow(buddyLabel(tr("Client &key:"), keyPath_), keyRow);
    form->addRow(tr("&Token:"), token_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    auto* sim = buttons->addButton(tr("Start local simulator"), QDialogButtonBox::ActionRole);
    sim->setObjectName(QStringLiteral("startSimulator"));
    sim->setToolTip(tr("Start the bundled platform simulator on a free loopback port and connect"));
    connect(sim, &QPushButton::clicked, this, [this] {
        startSimulator_ = true;
        accept();
    });
    auto* importButton = buttons->addButton(tr("Import…"), QDialogButtonBox::ResetRole);
    importButton->setToolTip(tr("Fill the form from a connection profile (JSON)"));
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Import connection profile"),
                                                       QString(), tr("Profiles (*.json)"));
        if (!f.isEmpty())
            importProfile(f);
    });
    auto* exportButton = buttons->addButton(tr("Export…"), QDialogButtonBox::ResetRole);
    exportButton->setToolTip(tr("Save these settings, without the token, as a profile"));
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export connection profile"),
                                                       QStringLiteral("watchfloor-profile.json"),
                                                       tr("Profiles (*.json)"));
        if (!f.isEmpty())
            exportProfile(f);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        validate();
        if (error_->text().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    const auto enableTls = [this, caRow, certRow, keyRow](bool on) {
        for (QHBoxLayout* row : {caRow, certRow, keyRow})
            for (int i = 0; i < row->count(); ++i)
                row->itemAt(i)->widget()->setEnabled(on);
    };
    connect(tls_, &QCheckBox::toggled, this, enableTls);
    enableTls(tls_->isChecked());

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("Connect to a platform's Watchfloor endpoint, or start the local "
                      "simulator to try the console."),
                   this));
    layout->addLayout(form);
    layout->addWidget(error_);
    layout->addWidget(buttons);
}

QLineEdit* ConnectionDialog::fileRow(QLineEdit* edit, const QString& title, const QString& filter,
                                     QHBoxLayout** row)
{
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this, edit, title, filter] {
        const QString f = QFileDialog::getOpenFileName(this, title, QString(), filter);
        if (!f.isEmpty())
            edit->setText(f);
    });
    *row = new QHBoxLayout;
    (*row)->addWidget(edit, 1);
    (*row)->addWidget(browse);
    return edit;
}

void ConnectionDialog::validate()
{
    const EndpointConfig c = config();
    if (!isValidEndpoint(c.target))
        error_->setText(tr("Write the endpoint as host:port, for example 127.0.0.1:50051."));
    else if (c.clientCertificatePath.isEmpty() != c.clientKeyPath.isEmpty())
        error_->setText(tr("Mutual TLS needs both this console's certificate and its key."));
    else
        error_->clear();
}

bool ConnectionDialog::importProfile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error_->setText(tr("Could not read %1: %2").arg(path, f.errorString()));
        return false;
    }
    // One byte over the limit is enough to refuse an oversized file.
    const QByteArray json = f.read(kMaxProfileBytes + 1);
    QString why;
    const std::optional<EndpointConfig> c = readConnectionProfile(json, config(), &why);
    if (!c) {
        error_->setText(tr("Nothing imported. %1").arg(why));
        return false;
    }
    endpoint_->setText(c->target);
    tls_->setChecked(c->tls);
    caPath_->setText(c->caCertificatePath);
    certPath_->setText(c->clientCertificatePath);
    keyPath_->setText(c->clientKeyPath);
    base_ = *c;  // deadlines and limits
    error_->clear();
    return true;
}

bool ConnectionDialog::exportProfile(const QString& path)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(writeConnectionProfile(config())) < 0 ||
        !f.commit()) {
        error_->setText(tr("Could not write %1: %2").arg(path, f.errorString()));
        return false;
    }
    error_->clear();
    return true;
}

QString ConnectionDialog::message() const
{
    return error_->text();
}

EndpointConfig ConnectionDialog::config() const
{
    EndpointConfig c = base_;
    c.target = endpoint_->text().trimmed();
    c.tls = tls_->isChecked();
    c.caCertificatePath = caPath_->text().trimmed();
    c.clientCertificatePath = tls_->isChecked() ? certPath_->text().trimmed() : QString();
    c.clientKeyPath = tls_->isChecked() ? keyPath_->text().trimmed() : QString();
    c.token = token_->text();
    return c;
}

}  // namespace wf
