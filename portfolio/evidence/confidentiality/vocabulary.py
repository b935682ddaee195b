"""Words that are capitalised in social work writing but are not people's names.

The name detector flags capitalised words it does not recognise, so these
lists decide most of its false alarms. They are kept as plain data so that
adding a word never means touching the matching code. All entries are lower
case; a word is recognised with or without a possessive or a plural ending.

COMMON_WORDS are ordinary words that are capitalised only because they open a
sentence or a programme name; they are skipped. TERMS are practice language,
places, theorists and family words; one of them in a run of capitalised words
makes the whole run a term ("Northgate Academy", "Family Court").

When a practitioner reports a false alarm, add the word to the group it
belongs to. Do not add words that are also common forenames (Grace, Will,
Oliver, Summer): mid-sentence, those are far more likely to be names.
"""

# Function words and openers. These matter when they start a sentence next to
# a name ("When Jayden ..."), so the name can be told apart from the opener.
COMMON_WORDS = frozenset(
    """
    a about above across after afterwards again all already also although always
    an and another any anyone anything around as at before being below between
    both but by can could despite did do does during each earlier either even
    every everybody everyone everything few finally first firstly following for
    from further had has have having he her here hers him his how however i if
    in initially instead into is it its itself just lastly later many maybe me
    meanwhile might more most much must my myself neither never next no nobody
    none nor not nothing now of often on once one only or other others our ours
    over overall perhaps please previously rather recently second secondly
    several she should since so some somebody someone something sometimes soon
    still such than that the their theirs them then there therefore these they
    third this those though through throughout thus to today together tomorrow
    tonight too towards two three four five six seven eight nine ten under
    unless unlike until upon us usually very was we were what whatever when
    where whereas whether which while whilst who whom whose why with within
    without would yes yesterday yet you your yours
    looking reflecting thinking drawing using reading going having listening
    speaking working moving considering following given overall honestly
    put up out off back forward ahead open closed last new old good better
    safe safer stronger big little life story place space time way world day
    quiet room start sure
    """.split()
)

# Family words. Mum and Dad stand in for names, and "Auntie" or "Nan" before a
# capitalised word is treated like a title ("Auntie Shereen").
KINSHIP_WORDS = frozenset(
    """
    mum mummy mam mom mother dad daddy father nan nana nanna nanny gran granny
    grandma grandmother grandad granddad grandpa grandfather grandparent
    auntie aunty aunt uncle cousin sister brother stepmum stepdad stepmother
    stepfather parent carer baby child son daughter family partner
    """.split()
)

KINSHIP_TITLES = frozenset(
    "auntie aunty aunt uncle nan nana nanna gran grandma grandad granddad "
    "grandpa cousin mum dad".split()
)

# Honorifics that put a name after them ("Mrs Okafor", "Dr Siddiqui").
PERSONAL_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})

CALENDAR_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday weekend january
    february march april may june july august september october november
    december spring autumn winter christmas easter eid ramadan diwali hanukkah
    passover vaisakhi lent advent halloween bonfire term
    """.split()
)

# Services, roles, law and frameworks as practitioners capitalise them
# ("the Local Authority", "Child in Need", "Signs of Safety").
PRACTICE_WORDS = frozenset(
    """
    abuse academy accommodation act action adult adoption adoptive advanced
    advice adviser advisor advocacy advocate agency aid allowance analysis
    approved around article assessment association authority benefit best
    board borough capability capacity care carers case centre charity chief
    child children citizens city clinic code college commissioner community
    conduct conference consultant contextual core council county court credit
    criminal critical cycle department deprivation deputy designated
    development direct director discussion domain domestic duty early
    education educator emergency equality ethics evidence executive
    exploitation family forum foster fostering framework free gateway graded
    group guardian guardianship head health help home hospital house houses
    housing hub human independence independent initial inspection interests
    jobcentre justice key kinship knowledge law lead learning leaving legal liberty line
    living local looked making manager meeting mental midwife model multi
    national need needs newly nurse nursery offending office officer order
    outline outcome outcomes panel partnership payment personal plan planning
    plus police practice practitioner pre primary principal prison probation
    proceedings professional profile programme protection public pupil
    qualified reablement reception reflection reflective refuge regulation
    regulations research residential review reviewing rights risk safeguarding
    safeguards safety school secondary section senior serious service services
    sexual signs skills social special stage standard standards star statement
    step strategy supervision supervisor support supported surgery team theory
    threshold tool toolkit triangle drama trust unit universal violence virtual
    visitor voice ward wellbeing women work worker year youth
    paragraph schedule part agenda minutes chronology report
    """.split()
)

# Published authors practitioners cite by surname, often without a year
# ("Kolb's learning cycle"). Citations with a year in brackets are recognised
# anyway, so only authors commonly named without one belong here.
THEORISTS = frozenset(
    """
    gibbs kolb schön schon munro ferguson maslow bowlby ainsworth
    bronfenbrenner erikson piaget vygotsky rogers egan fook thompson dominelli
    trevithick laming winnicott freud karpman driscoll boud brookfield mezirow
    argyris bandura goffman foucault freire kübler hawkins shohet kadushin
    wonnacott fahlberg turnell horwath featherstone forrester prochaska
    diclemente seligman tuckman belbin lishman barnardo
    """.split()
)

# Countries, regions, languages, faiths, regulators and everyday brands: these
# are capitalised in reflections but describe context, not a person.
CONTEXT_WORDS = frozenset(
    """
    england wales scotland ireland northern britain british english welsh
    scottish irish europe european africa african asia asian caribbean
    midlands north south east west london birmingham manchester leeds
    liverpool sheffield bristol newcastle nottingham leicester yorkshire
    urdu punjabi polish romanian arabic bengali somali portuguese spanish
    french lithuanian kurdish farsi pashto tigrinya albanian ukrainian russian
    mandarin cantonese gujarati tamil turkish sign language makaton deaf
    muslim christian jewish hindu sikh buddhist catholic islam church mosque
    temple gurdwara synagogue gypsy roma traveller black mixed heritage
    ofsted cafcass samaritans relate mind covid coronavirus brexit
    microsoft teams zoom skype whatsapp facebook instagram snapchat tiktok
    youtube google translate xbox playstation fortnite minecraft roblox
    netflix iphone android tesco asda mcdonald childline kooth shelter mencap
    healthwatch frontline pride
    """.split()
)

TERMS = KINSHIP_WORDS | CALENDAR_WORDS | PRACTICE_WORDS | THEORISTS | CONTEXT_WORDS

# Words after which a capitalised word is someone's name even when it is also
# an ordinary word ("a girl called Summer").
NAMING_CUES = ("called", "named", "nicknamed", "known as")

# Verbs that, straight after a sentence-initial capitalised word, mark it as a
# person ("Shauna told me ..."); "Supervision gave me ..." stays unflagged.
PERSON_VERBS = frozenset(
    """
    told tells said says explained disclosed admitted replied cried confided
    insisted denied whispered shouted screamed laughed smiled asked wanted
    wants refused lives lived
    """.split()
)
