"""The five demo cooperatives: fictional, one per craft, spread over the three institutes.

Privacy rule for every text here and in the products: at most a worker's first name, used
with consent; never a surname, and nothing about why anyone is in prison or for how long.
"""

from shop.catalog.demo_data.types import Bilingual as B
from shop.catalog.demo_data.types import CooperativeData
from shop.catalog.models import Craft, Institute

FILO_DRITTO = CooperativeData(
    slug="filo-dritto",
    name="Cooperativa Filo Dritto",
    institute=Institute.SAN_VITTORE,
    craft=Craft.TAILORING,
    founded_year=2008,
    people_employed=12,
    contact_email="laboratorio@filodritto.example",
    commission_bp=2500,
    lead_time_days=3,
    tagline=B("Una sartoria dentro San Vittore: tessuti recuperati e cuciture che durano.",
              "A tailoring workshop inside San Vittore: recovered fabrics and seams that last."),
    story=B(
        "Il laboratorio di Filo Dritto occupa due stanze al piano terra di San Vittore: otto "
        "macchine da cucire industriali, un tavolo da taglio lungo quattro metri e una radio "
        "sempre accesa. Ci lavorano dodici persone detenute, assunte con un regolare contratto "
        "da sarte e sarti.\n\n"
        "Quasi tutto ciò che cuciamo nasce da tessuti che altrimenti finirebbero in discarica: "
        "scampoli dei lanifici, tela delle tappezzerie, sacchi di juta delle torrefazioni "
        "milanesi. Ogni rotolo che arriva viene misurato, lavato e catalogato prima di "
        "diventare un grembiule o una borsa.\n\n"
        "Chi entra in laboratorio comincia con un corso di sei mesi insieme a una sarta "
        "professionista: prima le cuciture dritte, poi le tasche, poi il cartamodello. "
        "«All'inizio non sapevo infilare l'ago», racconta Samir, che oggi prepara i tagli per "
        "tutto il gruppo. Lavorare qui vuol dire avere un orario, uno stipendio e un mestiere "
        "da portare fuori.\n\n"
        "Nelle nostre schede compaiono soltanto nomi di persona, mai cognomi, e solo con il "
        "consenso di chi li porta.",
        "The Filo Dritto workshop takes up two rooms on the ground floor of San Vittore: eight "
        "industrial sewing machines, a cutting table four metres long and a radio that is "
        "always on. Twelve people in custody work here, employed as tailors under a proper "
        "contract.\n\n"
        "Almost everything we sew starts as fabric that would otherwise end up in "
        "landfill: mill remnants, upholsterers' canvas, jute sacks from Milan's coffee "
        "roasters. Every roll that comes in is measured, washed and catalogued before it "
        "becomes an apron or a bag.\n\n"
        "Newcomers begin with a six-month course alongside a professional dressmaker: "
        "straight seams first, then pockets, then pattern cutting. “At the start I couldn't "
        "thread a needle,” says Samir, who now prepares the cutting for the whole team. "
        "Working here means having hours, a wage and a trade to take outside.\n\n"
        "Our pages only ever use first names, never surnames, and only with the consent of "
        "the people they belong to."),
)

LIEVITO_MADRE = CooperativeData(
    slug="lievito-madre",
    name="Cooperativa Lievito Madre",
    institute=Institute.OPERA,
    craft=Craft.BAKERY,
    founded_year=2011,
    people_employed=9,
    contact_email="forno@lievitomadre.example",
    commission_bp=2200,
    lead_time_days=2,
    tagline=B("Il forno dentro Opera: lievitazioni lente e ricette milanesi.",
              "The bakery inside Opera: slow rising and Milanese recipes."),
    story=B(
        "Nel forno di Lievito Madre la giornata comincia alle cinque, quando si accendono le "
        "impastatrici e il profumo di burro arriva fino al cortile. Nove persone detenute a "
        "Opera ci lavorano come fornai e pasticceri, con un contratto del settore "
        "alimentare.\n\n"
        "Il nostro lievito madre ha più di dieci anni e va rinfrescato ogni mattina: se "
        "qualcuno salta un giorno, il giorno dopo non si sforna. È la prima cosa che si "
        "impara, insieme alle regole d'igiene e al corso HACCP che tutti frequentano prima "
        "di toccare un impasto.\n\n"
        "Panettoni, biscotti e grissini escono in piccole infornate, con farine macinate a "
        "pietra e burro di latteria lombarda. Qualche pasticcere volontario viene a "
        "insegnarci le sue ricette; Davide, che oggi guida il turno del mattino, è arrivato "
        "senza aver mai acceso un forno.",
        "At Lievito Madre the day starts at five, when the mixers come on and the smell of "
        "butter drifts out into the courtyard. Nine people in custody at Opera work here as "
        "bakers and pastry cooks, on a food-industry contract.\n\n"
        "Our sourdough starter is more than ten years old and must be refreshed every "
        "morning: miss a day and there is no baking the next. It is the first thing anyone "
        "learns, together with the hygiene rules and the food-safety course everyone takes "
        "before touching a dough.\n\n"
        "Panettone, biscuits and grissini come out in small batches, made with stone-ground "
        "flour and butter from a Lombard dairy. Volunteer pastry chefs come in to teach us "
        "their recipes; Davide, who now runs the morning shift, arrived without ever having "
        "lit an oven."),
)

CARTA_CANTA = CooperativeData(
    slug="carta-canta",
    name="Cooperativa Carta Canta",
    institute=Institute.BOLLATE,
    craft=Craft.PRINT,
    founded_year=2014,
    people_employed=8,
    contact_email="stamperia@cartacanta.example",
    commission_bp=2800,
    lead_time_days=4,
    tagline=B("Legatoria e stamperia a Bollate: carta che racconta.",
              "Bookbinding and printing at Bollate: paper that tells a story."),
    story=B(
        "Carta Canta è una piccola stamperia nel carcere di Bollate: una platina tipografica "
        "degli anni Sessanta, due banchi per la serigrafia, una taglierina e un lungo tavolo "
        "da legatoria. Otto persone detenute ci lavorano come tipografi, serigrafi e "
        "legatori.\n\n"
        "La carta arriva dagli scarti delle tipografie milanesi: fogli avanzati dalle "
        "tirature, cartoncini fuori formato, cartone da imballaggio. Noi la pieghiamo, la "
        "cuciamo e la stampiamo, un colore alla volta, con inchiostri ad acqua.\n\n"
        "Ogni anno il laboratorio organizza un corso di grafica e illustrazione con "
        "professionisti esterni. Elena ha cominciato piegando segnature; oggi prepara i "
        "telai per la serigrafia e insegna il mestiere a chi arriva.",
        "Carta Canta is a small print shop inside Bollate prison: a 1960s platen press, two "
        "screen-printing benches, a guillotine and a long bookbinding table. Eight people in "
        "custody work here as printers, screen printers and bookbinders.\n\n"
        "Our paper comes from the waste of Milan's printing houses: sheets left over from "
        "print runs, odd-sized card, packing board. We fold it, sew it and print it one "
        "colour at a time, with water-based inks.\n\n"
        "Every year the workshop runs a graphic design and illustration course with outside "
        "professionals. Elena started out folding signatures; today she prepares the screens "
        "and teaches the trade to newcomers."),
)

VENATURE = CooperativeData(
    slug="venature",
    name="Cooperativa Venature",
    institute=Institute.OPERA,
    craft=Craft.CARPENTRY,
    founded_year=2010,
    people_employed=10,
    contact_email="falegnameria@venature.example",
    commission_bp=3000,
    lead_time_days=5,
    tagline=B("Falegnameria a Opera: legno recuperato, mobili fatti per restare.",
              "Carpentry at Opera: reclaimed timber, furniture made to last."),
    story=B(
        "La falegnameria di Venature è un capannone luminoso dentro le mura di Opera, con una "
        "pialla a filo, una sega a nastro, un tornio e una parete intera di morsetti. Dieci "
        "persone detenute ci lavorano come falegnami, con un regolare contratto.\n\n"
        "Non compriamo quasi mai legno nuovo. Recuperiamo le doghe delle botti di una cantina "
        "dell'Oltrepò, le travi dei sottotetti milanesi ristrutturati, i bancali e le assi da "
        "ponteggio delle imprese edili. Togliere chiodi e graffe è il primo lavoro della "
        "giornata.\n\n"
        "Un maestro falegname in pensione segue la formazione due giorni a settimana: "
        "sicurezza alle macchine prima di tutto, poi incastri, finiture, progetto. Luca, in "
        "laboratorio da tre anni, dice che il legno gli ha insegnato ad aspettare.",
        "The Venature carpentry shop is a bright shed inside the walls of Opera, with a "
        "planer, a band saw, a lathe and a whole wall of clamps. Ten people in custody work "
        "here as carpenters, under a proper contract.\n\n"
        "We almost never buy new timber. We reclaim barrel staves from a winery in the "
        "Oltrepò, beams from renovated Milan attics, and pallets and scaffold boards from "
        "building firms. Pulling out nails and staples is the first job of the day.\n\n"
        "A retired master carpenter leads the training two days a week: machine safety "
        "first, then joints, finishes and design. Luca, three years in the workshop, says "
        "wood has taught him to wait."),
)

RADICI_NUOVE = CooperativeData(
    slug="radici-nuove",
    name="Cooperativa Radici Nuove",
    institute=Institute.BOLLATE,
    craft=Craft.PLANTS,
    founded_year=2013,
    people_employed=11,
    contact_email="serra@radicinuove.example",
    commission_bp=2000,
    lead_time_days=3,
    tagline=B("Serre e vivaio a Bollate: piante coltivate con pazienza.",
              "Greenhouses and nursery at Bollate: plants grown with patience."),
    story=B(
        "Dentro il carcere di Bollate ci sono milleduecento metri quadrati di serre e un "
        "vivaio all'aperto lungo il muro di cinta. Lì undici persone detenute lavorano come "
        "giardinieri e vivaisti per Radici Nuove.\n\n"
        "Moltiplichiamo quasi tutto da talea o da seme: piante grasse, aromatiche, lavanda, "
        "giovani olivi. È un lavoro di stagioni e di attese, in cui un errore di annaffiatura "
        "si vede dopo settimane e un successo dopo mesi.\n\n"
        "Il corso di agronomia con un perito agrario dà una qualifica riconosciuta, utile "
        "anche fuori. Amina, che segue le talee, dice che la serra è l'unico posto dove il "
        "tempo passa in fretta.",
        "Inside Bollate prison there are twelve hundred square metres of greenhouses and an "
        "outdoor nursery along the perimeter wall. Eleven people in custody work there as "
        "gardeners and nursery growers for Radici Nuove.\n\n"
        "We propagate almost everything from cuttings or seed: succulents, herbs, lavender, "
        "young olive trees. It is work measured in seasons and waiting, where a watering "
        "mistake shows after weeks and a success after months.\n\n"
        "The horticulture course, taught by a qualified agronomist, leads to a recognised "
        "qualification that counts outside too. Amina, who looks after the cuttings, says "
        "the greenhouse is the only place where time flies."),
)

COOPERATIVES = (FILO_DRITTO, LIEVITO_MADRE, CARTA_CANTA, VENATURE, RADICI_NUOVE)
