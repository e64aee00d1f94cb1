# generated from ui/dialogs/person_dialog.ui — do not edit (change the .ui file and run tools/compile_forms.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'person_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_PersonDialog(object):
    def setupUi(self, PersonDialog):
        if not PersonDialog.objectName():
            PersonDialog.setObjectName(u"PersonDialog")
        PersonDialog.resize(520, 560)
        self.verticalLayout = QVBoxLayout(PersonDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.givenNameLabel = QLabel(PersonDialog)
        self.givenNameLabel.setObjectName(u"givenNameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.givenNameLabel)

        self.givenNameEdit = QLineEdit(PersonDialog)
        self.givenNameEdit.setObjectName(u"givenNameEdit")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.givenNameEdit)

        self.familyNameLabel = QLabel(PersonDialog)
        self.familyNameLabel.setObjectName(u"familyNameLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.familyNameLabel)

        self.familyNameEdit = QLineEdit(PersonDialog)
        self.familyNameEdit.setObjectName(u"familyNameEdit")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.familyNameEdit)

        self.preferredNameLabel = QLabel(PersonDialog)
        self.preferredNameLabel.setObjectName(u"preferredNameLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.preferredNameLabel)

        self.preferredNameEdit = QLineEdit(PersonDialog)
        self.preferredNameEdit.setObjectName(u"preferredNameEdit")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.preferredNameEdit)

        self.pronounsLabel = QLabel(PersonDialog)
        self.pronounsLabel.setObjectName(u"pronounsLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.pronounsLabel)

        self.pronounsEdit = QLineEdit(PersonDialog)
        self.pronounsEdit.setObjectName(u"pronounsEdit")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.pronounsEdit)

        self.emailLabel = QLabel(PersonDialog)
        self.emailLabel.setObjectName(u"emailLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.emailEdit = QLineEdit(PersonDialog)
        self.emailEdit.setObjectName(u"emailEdit")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.emailEdit)

        self.phoneLabel = QLabel(PersonDialog)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(PersonDialog)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.organizationLabel = QLabel(PersonDialog)
        self.organizationLabel.setObjectName(u"organizationLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.organizationLabel)

        self.organizationEdit = QLineEdit(PersonDialog)
        self.organizationEdit.setObjectName(u"organizationEdit")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.organizationEdit)

        self.languagesLabel = QLabel(PersonDialog)
        self.languagesLabel.setObjectName(u"languagesLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.languagesLabel)

        self.languagesEdit = QLineEdit(PersonDialog)
        self.languagesEdit.setObjectName(u"languagesEdit")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.languagesEdit)

        self.interpreterLanguageLabel = QLabel(PersonDialog)
        self.interpreterLanguageLabel.setObjectName(u"interpreterLanguageLabel")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.interpreterLanguageLabel)

        self.interpreterLanguageEdit = QLineEdit(PersonDialog)
        self.interpreterLanguageEdit.setObjectName(u"interpreterLanguageEdit")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.interpreterLanguageEdit)

        self.accessibilityNeedsLabel = QLabel(PersonDialog)
        self.accessibilityNeedsLabel.setObjectName(u"accessibilityNeedsLabel")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.accessibilityNeedsLabel)

        self.accessibilityNeedsEdit = QPlainTextEdit(PersonDialog)
        self.accessibilityNeedsEdit.setObjectName(u"accessibilityNeedsEdit")
        self.accessibilityNeedsEdit.setTabChangesFocus(True)
        self.accessibilityNeedsEdit.setMaximumSize(QSize(16777215, 80))

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.accessibilityNeedsEdit)

        self.notesLabel = QLabel(PersonDialog)
        self.notesLabel.setObjectName(u"notesLabel")

        self.formLayout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notesEdit = QPlainTextEdit(PersonDialog)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setTabChangesFocus(True)
        self.notesEdit.setMaximumSize(QSize(16777215, 80))

        self.formLayout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.notesEdit)


        self.verticalLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(PersonDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b00020; font-weight: bold;")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.verticalLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(PersonDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.givenNameLabel.setBuddy(self.givenNameEdit)
        self.familyNameLabel.setBuddy(self.familyNameEdit)
        self.preferredNameLabel.setBuddy(self.preferredNameEdit)
        self.pronounsLabel.setBuddy(self.pronounsEdit)
        self.emailLabel.setBuddy(self.emailEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.organizationLabel.setBuddy(self.organizationEdit)
        self.languagesLabel.setBuddy(self.languagesEdit)
        self.interpreterLanguageLabel.setBuddy(self.interpreterLanguageEdit)
        self.accessibilityNeedsLabel.setBuddy(self.accessibilityNeedsEdit)
        self.notesLabel.setBuddy(self.notesEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.givenNameEdit, self.familyNameEdit)
        QWidget.setTabOrder(self.familyNameEdit, self.preferredNameEdit)
        QWidget.setTabOrder(self.preferredNameEdit, self.pronounsEdit)
        QWidget.setTabOrder(self.pronounsEdit, self.emailEdit)
        QWidget.setTabOrder(self.emailEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.organizationEdit)
        QWidget.setTabOrder(self.organizationEdit, self.languagesEdit)
        QWidget.setTabOrder(self.languagesEdit, self.interpreterLanguageEdit)
        QWidget.setTabOrder(self.interpreterLanguageEdit, self.accessibilityNeedsEdit)
        QWidget.setTabOrder(self.accessibilityNeedsEdit, self.notesEdit)

        self.retranslateUi(PersonDialog)
        self.buttonBox.accepted.connect(PersonDialog.accept)
        self.buttonBox.rejected.connect(PersonDialog.reject)

        QMetaObject.connectSlotsByName(PersonDialog)
    # setupUi

    def retranslateUi(self, PersonDialog):
        PersonDialog.setWindowTitle(QCoreApplication.translate("PersonDialog", u"Person", None))
        self.givenNameLabel.setText(QCoreApplication.translate("PersonDialog", u"&Given name", None))
        self.familyNameLabel.setText(QCoreApplication.translate("PersonDialog", u"&Family name", None))
        self.preferredNameLabel.setText(QCoreApplication.translate("PersonDialog", u"&Preferred name", None))
        self.preferredNameEdit.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"What they like to be called, if not their given name", None))
        self.pronounsLabel.setText(QCoreApplication.translate("PersonDialog", u"Pro&nouns", None))
        self.pronounsEdit.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"For example she/her, he/him, they/them", None))
        self.emailLabel.setText(QCoreApplication.translate("PersonDialog", u"&E-mail", None))
        self.emailEdit.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"name@example.org", None))
        self.phoneLabel.setText(QCoreApplication.translate("PersonDialog", u"P&hone", None))
        self.organizationLabel.setText(QCoreApplication.translate("PersonDialog", u"&School or organization", None))
        self.languagesLabel.setText(QCoreApplication.translate("PersonDialog", u"&Languages", None))
        self.languagesEdit.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"For example English, Spanish, Somali", None))
        self.interpreterLanguageLabel.setText(QCoreApplication.translate("PersonDialog", u"&Interpreter language", None))
        self.interpreterLanguageEdit.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"Leave empty if no interpreter is needed", None))
        self.accessibilityNeedsLabel.setText(QCoreApplication.translate("PersonDialog", u"&Accessibility needs", None))
        self.accessibilityNeedsEdit.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"Large print, ASL interpreter, step-free room\u2026", None))
        self.notesLabel.setText(QCoreApplication.translate("PersonDialog", u"N&otes", None))
    # retranslateUi

