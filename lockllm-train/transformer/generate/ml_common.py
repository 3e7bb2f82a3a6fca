"""Language tables and helpers shared by the two multilingual families."""

import re

from ml_tables_asia import AR, HI, JA, KO, ZH
from ml_tables_europe import DE, ES, FR, PT, RU

LANGS = {"zh": ZH, "ja": JA, "ko": KO, "fr": FR, "de": DE, "es": ES, "pt": PT, "ru": RU, "ar": AR, "hi": HI}
CASED = {"fr", "de", "es", "pt", "ru"}

# Separators used around multilingual overrides (script-neutral).
SEPARATORS = ["=====", "-----", "###", ">>>>>", "*****", "|||", "~~~~~", "---- END ----", "[/END]"]

# Openers for everyday questions and e-mail requests, per language.
Q_PRE = {
    "zh": ["", "", "请问，", "你好，想问一下：", "急！"], "ja": ["", "", "すみません、", "質問です。", "教えてください。"],
    "ko": ["", "", "질문이 있어요. ", "안녕하세요, ", "궁금한 게 있는데요, "], "hi": ["", "", "नमस्ते, ", "एक सवाल है: ", "भाई, "],
    "ar": ["", "", "مرحباً، ", "سؤال: ", "من فضلك، "], "fr": ["", "", "Bonjour, ", "Petite question : ", "Salut ! "],
    "de": ["", "", "Hallo! ", "Kurze Frage: ", "Moin! "], "es": ["", "", "Hola, ", "Una pregunta: ", "Buenas, "],
    "pt": ["", "", "Oi, ", "Uma dúvida: ", "Olá! "], "ru": ["", "", "Здравствуйте! ", "Вопрос: ", "Добрый день! "],
}
MAIL_REQ = {
    "zh": ["请帮我总结这封邮件：", "帮我把这封邮件翻译成英文："], "ja": ["このメールを要約してください：", "このメールへの返信を書いてください："],
    "ko": ["이 메일 요약해 줘:", "이 메일에 대한 답장을 써 줘:"], "hi": ["इस ईमेल का सार बताओ:", "इस ईमेल का जवाब लिखने में मदद करो:"],
    "ar": ["لخّص هذه الرسالة:", "ساعدني في كتابة رد على هذه الرسالة:"], "fr": ["Résume cet e-mail :", "Aide-moi à répondre à ce mail :"],
    "de": ["Fasse diese E-Mail zusammen:", "Hilf mir, auf diese Mail zu antworten:"], "es": ["Resume este correo:", "Ayúdame a contestar este correo:"],
    "pt": ["Resuma este e-mail:", "Me ajude a responder este e-mail:"], "ru": ["Кратко перескажи это письмо:", "Помоги ответить на это письмо:"],
}

_SENT = re.compile(r"([.!?]\s+)(\w)")


def sentence_case(text, lang):
  """Capitalises the first letter of each sentence in cased scripts."""
  if lang not in CASED:
    return text
  text = _SENT.sub(lambda m: m.group(1) + m.group(2).upper(), text)
  return text[:1].upper() + text[1:]


def join_lower(prefix, text, lang):
  """prefix + text, lowering the text's first letter after a comma or colon (not in German)."""
  if lang in CASED and lang != "de" and prefix.rstrip().endswith((",", ":")):
    for i, ch in enumerate(text):
      if ch.isalpha():
        text = text[:i] + ch.lower() + text[i + 1:]
        break
  return prefix + text
