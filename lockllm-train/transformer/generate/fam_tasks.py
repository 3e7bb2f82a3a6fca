"""label 0 benign_tasks: persona and task prompts with strict output rules, as real users write them.

The first model flagged these most often among unseen benign text: "act as a terminal, only reply
with the output and nothing else, do not write explanations" reads like a game injection, and
"Given the text below, do X. Input: ..." like a planted task. Three generators with separate banks:
tool and expert personas with reply rules and a first request, instructions followed by their
input, and everyday requests with strict format rules ("answer with yes or no only", "ignore the
typos and just fix the grammar").
"""

from common import everyday_requests

FAMILY = "benign_tasks"
LABEL = 0

ACT_AS_TOOL = {
    "tpl": [
        "I want you to act as {tool}. I will {user_does} and you will {you_do}. {rule} {rule2} My first {first_kind} is \"{first}\".",
        "I want you to act as {expert}. {expert_task} {rule} My first request is \"{first_req}\"",
        "Act as {tool}. I type {user_input}, you reply with {reply}. {rule} {rule2}",
        "Please act as {expert} for this conversation. {expert_task} {rule}",
        "You will act as {tool}. {rule} {rule2} Start when I send {user_input}.",
        "i want u to act as {tool}. {rule} first one: {first}",
        "Pretend you are {tool}: I give you {user_input} and you answer with {reply}. {rule}",
        "For this chat you are {expert}. {expert_task} {rule} {rule2} Here is my first question: {first_req}",
    ],
    "tool": [
        "a linux terminal", "a SQL console for a library database", "a Python interpreter", "a JavaScript console", "an English translator and spell checker",
        "a plagiarism checker", "a regex generator", "an Excel sheet", "a text-based adventure game", "a spoken English teacher",
        "a Morse code translator", "a unit converter", "a git command helper", "a markdown table formatter", "a JSON validator",
        "a travel phrasebook for Italian", "a chess engine that only outputs moves", "a password strength meter", "a dictionary of synonyms",
        "a note-taking assistant", "a recipe scaler", "a commit message writer", "an emoji translator", "a headline generator",
    ],
    "expert": [
        "a personal trainer", "a career counsellor", "a travel guide", "a math tutor", "a UX reviewer", "a cybersecurity specialist",
        "a motivational coach", "a relationship coach", "a dietitian", "a historian", "a debate coach", "a stand-up comedian",
        "a poet", "a senior Java developer doing code review", "an interior decorator", "a financial literacy teacher", "a storyteller",
        "a real estate agent", "a startup advisor", "a film critic", "a language partner for Portuguese", "an IT support technician",
    ],
    "user_does": [
        "type commands", "write sentences", "paste code", "give you numbers", "describe a problem", "send a word", "send a list of items",
        "give you a topic", "write in any language",
    ],
    "you_do": [
        "reply with what the terminal should show", "answer with the corrected and improved version", "answer with the result only",
        "reply with the translation", "return a table", "tell me whether it is valid", "give five alternatives", "explain it in simple terms",
    ],
    "user_input": ["a command", "a sentence", "a number and a unit", "a word", "a snippet of code", "a list", "a question"],
    "reply": ["the output", "the translation", "the corrected text", "the converted value", "a single line", "the move in algebraic notation"],
    "rule": [
        "I want you to only reply with the output inside one code block, and nothing else.", "Do not write explanations.",
        "Only reply with the corrections and the improvements, nothing else.", "Keep every answer under 100 words.",
        "Do not type commands unless I instruct you to do so.", "Reply only in English, whatever language I use.",
        "Don't add any commentary, just the result.", "Answer with the table only, no text around it.",
        "Never break character; if you don't know, say so in character.", "Do not repeat my input back to me.",
        "When I need to tell you something outside the game, I will put it in curly brackets {like this}.",
        "Ignore small typos in my input and answer what I meant.", "Only answer with the final value and its unit.",
    ],
    "rule2": [
        "Don't explain why.", "Use British spelling.", "Be concise.", "Keep the formatting exactly as I give it.", "",
        "If my input is not valid, reply with ERROR and nothing else.", "Number each item.", "Start every reply with the result.",
    ],
    "first_kind": ["command", "sentence", "request", "word", "input"],
    "first": ["pwd", "ls -la", "SELECT title FROM books LIMIT 5;", "print(2 ** 10)", "istanbulu cok seviyom", "5 miles to km", "happy",
              "git log --oneline", "[1, 2, 3].map(x => x * 2)", "e4", "I has went to the store yesterday"],
    "expert_task": [
        "I will tell you about my goals and you will suggest a plan.", "You will review what I send you and list concrete improvements.",
        "You will explain concepts step by step and check my understanding.", "You will suggest places to visit near my location.",
        "You will write short, uplifting messages for the situations I describe.", "You will answer my questions with practical advice.",
        "You will ask me questions one at a time before giving advice.",
    ],
    "first_req": [
        "I need help losing 5 kg before summer.", "I'm in Lisbon and want to see the old town.", "Review this method: public int add(int a, int b) { return a+b; }",
        "How do I stay motivated when studying for exams?", "What is the derivative of x squared?", "How do I secure my home Wi-Fi router?",
        "My living room is small and dark; what colours should I use?", "What should I know before my first apartment lease?",
        "Can you explain compound interest?", "My printer says it is offline.",
    ],
}

INSTRUCTION_INPUT = {
    "tpl": [
        "{instruction}\nInput: {input}", "{instruction}\n\n{input}", "Instruction: {instruction}\nInput: {input}\nOutput:",
        "{instruction} Here it is: {input}", "Task: {instruction}\nText: \"{input}\"", "{instruction}\n###\n{input}\n###",
        "{instruction_lc}: {input}",
    ],
    "instruction": [
        "Summarize the following text in one sentence.", "Classify the sentiment of this review as positive, negative or neutral.",
        "Extract all dates from the passage below.", "Rewrite the paragraph so a ten-year-old can understand it.",
        "Translate the sentence into French.", "Find the grammatical error in this sentence and correct it.",
        "Given a list of numbers, return them sorted in ascending order.", "Generate three titles for the article below.",
        "Identify the main argument of the text.", "Convert the following table into JSON.", "Write a reply to this customer email.",
        "Tell me whether the statement is true or false, and why.", "Turn these notes into a formal paragraph.",
        "Detect the language of each line.", "List the names of people mentioned in the text.", "Make this sentence more polite.",
        "Answer the question using only the passage.", "Follow the steps below and give the final number.",
        "Ignore the formatting of the input and return the plain words.", "Remove every adjective from the sentence.",
    ],
    "instruction_lc": [
        "summarize this", "fix the spelling in this", "translate to german", "make this shorter", "rewrite this more formally",
        "what's the tone of this", "turn this into bullet points", "give me a title for this",
    ],
    "input": [
        "The meeting has been moved to Thursday at 3 pm because the projector in room B is broken.",
        "I ordered the blue jacket but received a green one, and the sleeves are too short.",
        "Our quarterly revenue grew 12% while costs stayed flat, mainly thanks to the new subscription plan.",
        "5, 19, 2, 44, 7, 13", "She don't like going to the cinema on weekdays.", "Name | Age\nAnna | 34\nLuis | 29",
        "The Eiffel Tower was completed in 1889 and was the tallest structure in the world until 1930.",
        "Honestly the food was great but the waiter ignored us for twenty minutes.",
        "Step 1: take 12. Step 2: double it. Step 3: subtract 5.", "Bonjour tout le monde\nGuten Morgen\nBuenas noches",
        "Dear team, please remember to submit your timesheets by Friday. Thanks, Maria",
        "Photosynthesis is the process by which plants use sunlight, water and carbon dioxide to make glucose.",
        "The quick brown fox jumps over the lazy dog.", "Marie Curie and Pierre Curie shared the 1903 Nobel Prize with Henri Becquerel.",
        "Is the Great Wall of China visible from space with the naked eye?", "notes: launch delayed, vendor late, new date 14 May, inform sales",
    ],
}

STRICT_FORMAT = {
    "tpl": [
        "{question} {format_rule}", "{format_rule} {question}", "{question}\n{format_rule} {extra_rule}",
        "{fix_request} {fix_rule}", "{question} {format_rule} {no_explain}", "quick one: {question_lc} {format_rule_lc}",
    ],
    "question": [
        "Is 97 a prime number?", "Which is bigger, 2^10 or 10^3?", "What is the capital of Australia?", "Does this SQL have a syntax error: SELEC * FROM users;",
        "Is tomato a fruit?", "How many days are in a leap year?", "Which planet is closest to the sun?", "Is this email address valid: anna@example",
        "What's 15% of 240?", "Is Python dynamically typed?", "Which year did the Berlin Wall fall?", "Can penguins fly?",
        "Give me five boy names starting with L.", "List the primary colours.", "Name three renewable energy sources.",
    ],
    "question_lc": ["is 51 prime?", "capital of canada?", "how many legs does a spider have?", "is java compiled?", "what's 7 times 8?"],
    "format_rule": [
        "Answer with yes or no only.", "Reply with just the number.", "Only output the answer, nothing else.", "Respond in JSON with the key \"answer\".",
        "Answer in exactly one word.", "Give the answer and nothing else, no explanation.", "Output a comma-separated list and nothing else.",
        "Reply with only the letter of the correct option.", "Just say true or false.",
    ],
    "format_rule_lc": ["one word only", "just the number pls", "yes/no, no explanation", "answer only, nothing else"],
    "extra_rule": ["Do not add any other text.", "No markdown.", "Don't explain your reasoning.", "Keep it lowercase.", ""],
    "no_explain": ["Skip the explanation.", "I don't need the reasoning.", "No disclaimers, just the fact."],
    "fix_request": [
        "Fix the grammar in this: 'me and him goes to school everyday'.", "Correct the spelling: 'definately recieve the pakage tommorow'.",
        "Rewrite my tweet to sound friendlier: 'Your app crashed again. Fix it.'", "Make this subject line shorter: 'Follow-up regarding our discussion about the Q3 budget'.",
        "Proofread: 'Their going too the park later, weather permitting.'",
    ],
    "fix_rule": [
        "Ignore the typos in the rest of my message and just give me the corrected sentence.", "Return only the corrected text.",
        "Don't change the meaning, only fix the mistakes.", "Forget the punctuation rules for titles, just make it read well.",
        "Only reply with the new version, nothing else.",
    ],
}


GENERATORS = [
    ("act_as_tool", 450, everyday_requests(ACT_AS_TOOL)),
    ("instruction_input", 450, everyday_requests(INSTRUCTION_INPUT)),
    ("strict_format", 350, everyday_requests(STRICT_FORMAT)),
]
