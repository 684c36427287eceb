"""Demo content for the applications: the "apply for space" page and the privacy page in Russian and
English, and the office's notification address. Loaded by load_demo_content after the buildings.

The privacy text is the park's template, written for a Russian operator under Federal Law No. 152-FZ
"On Personal Data": it says so on the page, for the operator's lawyer to review before publication.
"""

from django.db import transaction
from django.utils.html import escape

from wagtail.models import Locale, Site

from applications.models import ApplicationSettings, ApplyPage, PrivacyPage
from core.translation import publish_translated_page
from home.models import HomePage

OFFICE_EMAIL = "office@itpark.example"
CONTACT_EMAIL = "info@itpark.example"

APPLY = {
    "title": ("Заявка на помещение", "Apply for space"),
    "intro": (
        "Расскажите, сколько площади нужно вашей компании и когда. Офис IT-парка ответит по электронной почте "
        "в течение пяти рабочих дней. Для зданий, которые ещё строятся или только запланированы, заявка "
        "регистрирует ваш интерес.",
        "Tell us how much space your company needs and when. The IT park's office answers by e-mail within "
        "five working days. For buildings still under construction or planned, the application registers "
        "your interest.",
    ),
}
NEXT_STEPS = [
    (
        "p",
        "Мы отправили подтверждение на указанный адрес электронной почты.",
        "We have sent a confirmation to the e-mail address you gave.",
    ),
    (
        "p",
        "Офис IT-парка рассмотрит заявку и в течение пяти рабочих дней предложит подходящие помещения или "
        "расскажет, когда они появятся.",
        "The IT park's office reviews the application and, within five working days, offers space that fits "
        "or tells you when it will be available.",
    ),
    (
        "p",
        "Если компания хочет стать резидентом Особой экономической зоны, мы подскажем, с чего начать.",
        "If your company wants to become a resident of the Special Economic Zone, we tell you where to start.",
    ),
]

PRIVACY_TITLE = ("Политика обработки персональных данных", "Privacy policy")
PRIVACY = [
    (
        "p",
        "Типовой текст IT-парка: перед публикацией его проверяет юрист оператора.",
        "The IT park's template text: the operator's lawyer reviews it before publication.",
    ),
    ("h2", "Кто обрабатывает данные", "Who processes the data"),
    (
        "p",
        "Оператор персональных данных — Корпорация развития Калининградской области, которая строит и "
        "управляет Калининградским IT-парком. Данные обрабатываются по Федеральному закону от 27 июля 2006 года "
        "№ 152-ФЗ «О персональных данных».",
        "The operator of personal data is the Kaliningrad Region Development Corporation, which builds and "
        "runs the Kaliningrad IT Park. Data is processed under Federal Law No. 152-FZ of 27 July 2006 "
        "\u201cOn Personal Data\u201d.",
    ),
    ("h2", "Какие данные мы собираем", "What we collect"),
    (
        "p",
        "Через форму заявки на помещение: название компании, ИНН, имя контактного лица, адрес электронной "
        "почты, телефон, нужную площадь, желаемый квартал заезда, предпочтительное здание, отношение к Особой "
        "экономической зоне и текст сообщения.",
        "Through the application form: the company's name, taxpayer number (INN), the contact person's name, "
        "e-mail address, phone, the space needed, the desired move-in quarter, the preferred building, the "
        "company's relation to the Special Economic Zone and the message.",
    ),
    (
        "p",
        "Для защиты формы от спама сайт в течение одного часа хранит число заявок с каждого IP-адреса. "
        "Сайт не использует сторонние счётчики и рекламу; он ставит только технические cookie, без которых "
        "форма не отправляется.",
        "To protect the form from spam, the site keeps the number of applications from each IP address for "
        "one hour. The site uses no third-party analytics or advertising; it sets only the technical cookies "
        "the form needs to be sent.",
    ),
    ("h2", "Зачем", "Why"),
    (
        "p",
        "Чтобы рассмотреть заявку, связаться с вами и предложить помещение в IT-парке. Основание — ваше "
        "согласие на обработку персональных данных, которое вы даёте, отмечая его в форме.",
        "To consider the application, contact you and offer space in the IT park. The legal basis is your "
        "consent to the processing of personal data, which you give by ticking it in the form.",
    ),
    ("h2", "Как долго хранятся данные", "How long the data is kept"),
    (
        "p",
        "Заявки хранятся три года после последнего контакта с компанией или до отзыва согласия, затем "
        "удаляются. Данные хранятся на серверах в Российской Федерации и доступны только сотрудникам офиса "
        "IT-парка; третьим лицам они передаются только в случаях, предусмотренных законом.",
        "Applications are kept for three years after the last contact with the company, or until consent is "
        "withdrawn, and then deleted. The data is stored on servers in the Russian Federation and seen only "
        "by the IT park's office staff; it is passed to third parties only where the law requires.",
    ),
    ("h2", "Ваши права и контакты", "Your rights and whom to contact"),
    (
        "p",
        f"Вы можете узнать, какие ваши данные у нас есть, исправить или удалить их и отозвать согласие. "
        f"Напишите на {CONTACT_EMAIL}: мы ответим в течение десяти рабочих дней.",
        f"You may ask what data of yours we hold, have it corrected or deleted, and withdraw your consent. "
        f"Write to {CONTACT_EMAIL}: we answer within ten working days.",
    ),
]


def _html(paragraphs, index):
    return "".join(f"<{tag}>{escape(texts[index])}</{tag}>" for tag, *texts in paragraphs)


def _strings(*groups):
    strings = {}
    for paragraphs in groups:
        strings.update({escape(ru): escape(en) for _tag, ru, en in paragraphs})
    return strings


def _privacy_page(home, en):
    if PrivacyPage.objects.filter(locale=home.locale).exists():
        return False
    page = PrivacyPage(title=PRIVACY_TITLE[0], slug="privacy", body=_html(PRIVACY, 0))
    strings = {PRIVACY_TITLE[0]: PRIVACY_TITLE[1], "privacy": "privacy"} | _strings(PRIVACY)
    publish_translated_page(home, page, en, strings)
    return True


def _apply_page(home, en):
    if ApplyPage.objects.filter(locale=home.locale).exists():
        return False
    page = ApplyPage(
        title=APPLY["title"][0],
        slug="apply",
        intro=APPLY["intro"][0],
        next_steps=_html(NEXT_STEPS, 0),
    )
    strings = dict(APPLY.values()) | {"apply": "apply"} | _strings(NEXT_STEPS)
    publish_translated_page(home, page, en, strings)
    return True


@transaction.atomic
def load(log):
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale__language_code="ru")
    log(f"apply page: {'created' if _apply_page(home, en) else 'kept'}")
    log(f"privacy page: {'created' if _privacy_page(home, en) else 'kept'}")
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        settings = ApplicationSettings.for_site(site)
        if not settings.notification_email:
            settings.notification_email = OFFICE_EMAIL
            settings.save()
            log("office notification address: set")
