"""Demo products of Cooperativa Venature, the carpentry workshop in Opera."""

from shop.catalog.demo_data.types import Bilingual as B
from shop.catalog.demo_data.types import PersonalData as P
from shop.catalog.demo_data.types import ProductData
from shop.catalog.demo_data.types import VariantData as V
from shop.catalog.demo_data.types import label as L

COOP = "venature"
CATEGORY = "legno-casa"
GOODS = 2200

BARREL_OAK = B("rovere di botti recuperate, olio di lino alimentare",
               "oak from reclaimed barrels, food-safe linseed oil")

PRODUCTS: tuple[ProductData, ...] = (
    ProductData(
        slug="tagliere-rovere", cooperative=COOP, category=CATEGORY,
        name=B("Tagliere in rovere di recupero", "Reclaimed oak cutting board"),
        description=B(
            "Un tagliere spesso, ricavato da un unico pezzo di rovere, con il foro per "
            "appenderlo e gli angoli smussati. Trattato solo con olio di lino alimentare. Va "
            "lavato a mano e ogni tanto nutrito con un filo d'olio.",
            "A thick cutting board made from a single piece of oak, with a hanging hole and "
            "softened corners. Finished only with food-safe linseed oil. Wash by hand and "
            "treat now and then with a little oil."),
        origin_story=B(
            "Il rovere arriva dalle doghe di vecchie botti di una cantina dell'Oltrepò: legno "
            "stagionato per decenni, che nella falegnameria di Opera piallamo fino a "
            "ritrovarne il colore chiaro. A volte le venature scure del vino restano, e le "
            "lasciamo. Ogni tagliere paga due ore di lavoro.",
            "The oak comes from the staves of old barrels from a winery in the Oltrepò: wood "
            "seasoned for decades, which we plane in the Opera workshop until its pale colour "
            "comes back. Sometimes the dark streaks of the wine remain, and we leave them. "
            "Each board pays for two hours of work."),
        materials=BARREL_OAK,
        vat_rate_bp=GOODS,
        variants=(
            V("VN-BRD-S", L("Piccolo, 30 cm", "Small, 30 cm"), 3200, 900, 14, 3),
            V("VN-BRD-L", L("Grande, 40 cm", "Large, 40 cm"), 4500, 1400, 10),
        ),
        impact_minutes_per_unit=120, recovered_grams_per_unit=1100, age_days=170,
        motif="board", tint="oak", featured=True, extra_images=1),
    ProductData(
        slug="tagliere-inciso-personalizzato", cooperative=COOP, category=CATEGORY,
        name=B("Tagliere inciso personalizzato", "Personalised engraved board"),
        description=B(
            "Il nostro tagliere grande in rovere, inciso a fuoco con un nome, una data o un "
            "breve messaggio fino a 30 caratteri. Un regalo per un matrimonio, una casa nuova "
            "o un collega che va in pensione. Prima di procedere vi mandiamo una bozza "
            "dell'incisione.",
            "Our large oak board, engraved by pyrography with a name, a date or a short "
            "message of up to 30 characters. A gift for a wedding, a new home or a colleague "
            "who is retiring. We send you a draft of the engraving before going ahead."),
        origin_story=B(
            "L'incisione si fa a mano con la punta a fuoco, lettera per lettera, seguendo un "
            "disegno tracciato prima a matita. È il lavoro in cui Luca, in falegnameria da "
            "tre anni, è diventato il più bravo di tutti. Ogni tagliere inciso paga due ore e "
            "mezza di lavoro.",
            "The engraving is done by hand with a hot pen, letter by letter, following a "
            "design first traced in pencil. It is the job at which Luca, three years in the "
            "workshop, has become the best of us all. Each engraved board pays for two and a "
            "half hours of work."),
        materials=BARREL_OAK,
        vat_rate_bp=GOODS,
        variants=(V("VN-ENG-L", L("Grande, 40 cm", "Large, 40 cm"), 5200, 1400),),
        impact_minutes_per_unit=150, recovered_grams_per_unit=1100, age_days=70,
        motif="board", tint="walnut", made_to_order=True, lead_time_days=10,
        personal=P(text_kind="engraving", text_max=30, text_lines=2, text_required=True)),
    ProductData(
        slug="sgabello-massello", cooperative=COOP, category=CATEGORY,
        name=B("Sgabello in legno massello", "Solid wood stool"),
        description=B(
            "Uno sgabello basso a tre gambe, con la seduta leggermente incavata e gli incastri "
            "a coda di rondine, senza viti. Alto 45 cm, regge fino a 120 chili. Sta bene in "
            "cucina, in bagno o accanto al letto.",
            "A low three-legged stool with a slightly dished seat and dovetail joints, no "
            "screws. It is 45 cm high and holds up to 120 kilos. Good in the kitchen, the "
            "bathroom or by the bed."),
        origin_story=B(
            "Gambe e seduta vengono dalle travi di abete di un vecchio sottotetto milanese, "
            "smontato durante una ristrutturazione. Prima togliamo chiodi e graffe, poi il "
            "legno riposa un mese nel laboratorio di Opera prima di essere lavorato. Ogni "
            "sgabello paga otto ore di lavoro.",
            "The legs and seat come from the fir beams of an old Milan attic, taken down "
            "during a renovation. First we pull out every nail and staple, then the wood rests "
            "for a month in the Opera workshop before we work it. Each stool pays for eight "
            "hours of work."),
        materials=B("abete di travi recuperate, cera d'api", "fir from reclaimed beams, beeswax"),
        vat_rate_bp=GOODS,
        variants=(V("VN-STL-NAT", L("Naturale", "Natural"), 8900, 3200, 0),),
        impact_minutes_per_unit=480, recovered_grams_per_unit=2800, age_days=205,
        motif="stool", tint="pine", extra_images=1),
    ProductData(
        slug="mensola-legno-recupero", cooperative=COOP, category=CATEGORY,
        name=B("Mensola in legno di recupero", "Reclaimed wood shelf"),
        description=B(
            "Una mensola dritta e spessa, con staffe nascoste che la fanno sembrare sospesa "
            "al muro. Ogni pezzo porta i segni della sua vita precedente: fori di chiodi, "
            "nodi, sfumature. Viti e tasselli inclusi.",
            "A thick, straight shelf with hidden brackets that make it seem to float on the "
            "wall. Each piece carries marks of its earlier life: nail holes, knots, changes "
            "of colour. Screws and wall plugs included."),
        origin_story=B(
            "Il legno viene da bancali e vecchie assi da ponteggio che le imprese edili ci "
            "consegnano invece di smaltirle. In falegnameria le selezioniamo, le piallamo e "
            "le incolliamo a due a due per ottenere lo spessore giusto. Ogni mensola paga due "
            "ore e mezza di lavoro.",
            "The wood comes from pallets and old scaffold boards that building firms hand "
            "over to us instead of disposing of them. In the workshop we sort them, plane "
            "them and glue them in pairs to get the right thickness. Each shelf pays for two "
            "and a half hours of work."),
        materials=B("legno di bancali e assi da ponteggio recuperati, staffe in acciaio",
                    "reclaimed pallet wood and scaffold boards, steel brackets"),
        vat_rate_bp=GOODS,
        variants=(
            V("VN-SHF-60", L("60 cm"), 3800, 2000, 8),
            V("VN-SHF-90", L("90 cm"), 4900, 2900, 5),
        ),
        impact_minutes_per_unit=150, recovered_grams_per_unit=1800, age_days=90,
        motif="shelf", tint="walnut"),
    ProductData(
        slug="svuotatasche-noce", cooperative=COOP, category=CATEGORY,
        name=B("Svuotatasche in noce", "Walnut valet tray"),
        description=B(
            "Un piccolo vassoio scavato in un blocco di noce, per chiavi, monete e occhiali "
            "all'ingresso. Il fondo è foderato in feltro per non graffiare i mobili. Misura "
            "20 × 12 cm.",
            "A small tray carved from a block of walnut, for keys, coins and glasses by the "
            "front door. The base is lined with felt so it won't scratch furniture. Measures "
            "20 × 12 cm."),
        origin_story=B(
            "Usiamo i ritagli di noce che avanzano dai mobili su misura: pezzi troppo piccoli "
            "per un'anta, perfetti per uno svuotatasche. La cavità si scava con la fresatrice "
            "e si rifinisce a mano con la carta vetrata. Ogni pezzo paga un'ora di lavoro.",
            "We use the walnut offcuts left over from our made-to-measure furniture: pieces "
            "too small for a cabinet door, perfect for a valet tray. The hollow is cut with "
            "the router and finished by hand with sandpaper. Each piece pays for an hour of "
            "work."),
        materials=B("noce nazionale di recupero, feltro di lana",
                    "reclaimed Italian walnut, wool felt"),
        vat_rate_bp=GOODS,
        variants=(V("VN-VAL-ONE", L("Standard"), 2200, 400, 18),),
        impact_minutes_per_unit=60, recovered_grams_per_unit=350, age_days=125,
        motif="tray", tint="walnut"),
    ProductData(
        slug="casetta-uccellini", cooperative=COOP, category=CATEGORY,
        name=B("Casetta per uccellini", "Birdhouse"),
        description=B(
            "Una casetta nido per cinciallegre e passeri, con il tetto apribile per la pulizia "
            "e il foro d'ingresso da 32 millimetri. Legno grezzo all'interno, olio protettivo "
            "all'esterno. Da appendere a un albero o a un balcone riparato.",
            "A nest box for great tits and sparrows, with a lift-up roof for cleaning and a "
            "32 mm entrance hole. Untreated wood inside, protective oil outside. Hang it on a "
            "tree or a sheltered balcony."),
        origin_story=B(
            "L'abbiamo progettata con la cooperativa Radici Nuove, che ne ha appese alcune "
            "nelle serre di Bollate: in primavera ci hanno nidificato le cince. La costruiamo "
            "a Opera con assi di abete recuperate dai bancali. Ogni casetta paga un'ora e "
            "mezza di lavoro.",
            "We designed it with the Radici Nuove cooperative, which hung a few in the "
            "Bollate greenhouses: great tits nested in them in spring. We build it at Opera "
            "from fir boards salvaged from pallets. Each birdhouse pays for an hour and a half "
            "of work."),
        materials=B("abete di bancali recuperati, olio di lino",
                    "fir from reclaimed pallets, linseed oil"),
        vat_rate_bp=GOODS,
        variants=(V("VN-BHS-ONE", L("Standard"), 2900, 1100, 12),),
        impact_minutes_per_unit=90, recovered_grams_per_unit=900, age_days=98,
        motif="birdhouse", tint="pine"),
    ProductData(
        slug="cucchiai-legno", cooperative=COOP, category=CATEGORY,
        name=B("Cucchiai di legno, set di 3", "Wooden spoons, set of 3"),
        description=B(
            "Tre cucchiai da cucina di lunghezze diverse, intagliati in ciliegio e faggio: "
            "per il sugo, per il risotto, per mescolare l'impasto. Leggeri, robusti, non "
            "graffiano le pentole.",
            "Three kitchen spoons in different lengths, carved from cherry and beech: for "
            "sauce, for risotto, for stirring dough. Light, sturdy and kind to your pans."),
        origin_story=B(
            "Li intagliamo da rami e piccoli tronchi potati nei parchi di Milano, che ci "
            "arrivano ancora verdi. Si sbozzano con l'accetta, si scavano con la sgorbia e si "
            "lasciano asciugare piano. Intagliare un cucchiaio è un lavoro lento, che in "
            "falegnameria molti trovano rilassante. Ogni set paga un'ora e un quarto di "
            "lavoro.",
            "We carve them from branches and small trunks pruned in Milan's parks, which "
            "reach us still green. They are roughed out with a hatchet, hollowed with a gouge "
            "and left to dry slowly. Carving a spoon is slow work, and many in the workshop "
            "find it calming. Each set pays for an hour and a quarter of work."),
        materials=B("ciliegio e faggio da potature urbane, olio di noce",
                    "cherry and beech from urban pruning, walnut oil"),
        vat_rate_bp=GOODS,
        variants=(V("VN-SPN-SET", L("Set di 3", "Set of 3"), 1900, 180, 22, 5),),
        impact_minutes_per_unit=75, recovered_grams_per_unit=200, age_days=48,
        motif="spoons", tint="oak"),
    ProductData(
        slug="libreria-su-misura", cooperative=COOP, category=CATEGORY,
        name=B("Libreria su misura", "Made-to-measure bookcase"),
        description=B(
            "Una libreria in legno massello di recupero, costruita sulle misure della vostra "
            "parete: scegliete larghezza, altezza e profondità. Il prezzo indicato vale per "
            "un modulo fino a 80 × 180 cm; per misure più grandi vi mandiamo un preventivo. "
            "Consegna e montaggio a Milano su appuntamento.",
            "A bookcase in solid reclaimed wood, built to fit your wall: choose the width, "
            "height and depth. The price shown is for a unit up to 80 × 180 cm; for larger "
            "sizes we send you a quote. Delivery and assembly in Milan by appointment."),
        origin_story=B(
            "Dopo l'ordine veniamo a prendere le misure, oppure ce le mandate voi con una foto "
            "della parete. Il progetto si disegna nella falegnameria di Opera, dove costruire "
            "un mobile intero coinvolge quasi tutto il gruppo, dal taglio alla finitura. Una "
            "libreria paga circa trenta ore di lavoro.",
            "After you order, we come to take measurements, or you send them to us with a "
            "photo of the wall. The design is drawn up in the Opera workshop, where building "
            "a whole piece of furniture involves nearly the whole team, from cutting to "
            "finishing. A bookcase pays for about thirty hours of work."),
        materials=B("rovere e abete di recupero, olio-cera naturale",
                    "reclaimed oak and fir, natural hardwax oil"),
        vat_rate_bp=GOODS,
        variants=(V("VN-BKC-80", L("Modulo 80 × 180 cm", "80 × 180 cm unit"), 39000, 28000),),
        impact_minutes_per_unit=1800, recovered_grams_per_unit=22000, age_days=115,
        motif="bookcase", tint="oak", made_to_order=True, lead_time_days=35, extra_images=1,
        personal=P(measures=(("width", 40, 80), ("height", 60, 180), ("depth", 25, 35)))),
    ProductData(
        slug="vassoio-colazione", cooperative=COOP, category=CATEGORY,
        name=B("Vassoio da colazione con manici", "Breakfast tray with handles"),
        description=B(
            "Un vassoio ampio con i bordi rialzati e due manici sagomati, per portare la "
            "colazione a letto o il caffè in terrazza. Misura 45 × 30 cm. Finitura all'olio, "
            "resistente alle macchie.",
            "A generous tray with raised edges and two shaped handles, for breakfast in bed "
            "or coffee on the terrace. Measures 45 × 30 cm. Oil finish, stain resistant."),
        origin_story=B(
            "Il fondo è un pannello di rovere ricavato dalle doghe delle botti, i bordi sono "
            "listelli di faggio avanzati da altri lavori. Nella falegnameria di Opera lo "
            "montiamo a incastro e lo rifiniamo con tre mani d'olio. Ogni vassoio paga quasi "
            "due ore di lavoro.",
            "The base is an oak panel made from barrel staves; the rims are beech strips left "
            "over from other jobs. In the Opera workshop we join it without screws and finish "
            "it with three coats of oil. Each tray pays for almost two hours of work."),
        materials=B("rovere di botti recuperate, faggio, olio di lino",
                    "oak from reclaimed barrels, beech, linseed oil"),
        vat_rate_bp=GOODS,
        variants=(V("VN-TRY-ONE", L("Standard"), 3500, 1200, 10),),
        impact_minutes_per_unit=110, recovered_grams_per_unit=950, age_days=18,
        motif="tray", tint="oak"),
)
