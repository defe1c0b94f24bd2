/**
 * Suggestions for the car forms' make and model fields (the API takes any make and model, and
 * has no list of them): common makes in Europe and a few models each. Typing anything else
 * is fine.
 */
const modelsByMake: Record<string, readonly string[]> = {
  'Alfa Romeo': ['Giulia', 'Stelvio', 'Tonale'],
  Audi: ['A3', 'A4', 'A6', 'Q3', 'Q5', 'e-tron'],
  BMW: ['1 Series', '3 Series', '5 Series', 'X1', 'X3', 'X5', 'i4', 'Z4'],
  Citroën: ['C3', 'C4', 'C5 Aircross', 'Berlingo'],
  Cupra: ['Born', 'Formentor', 'Leon'],
  Dacia: ['Duster', 'Jogger', 'Sandero', 'Spring'],
  Fiat: ['500', 'Panda', 'Tipo', 'Ducato'],
  Ford: ['Fiesta', 'Focus', 'Kuga', 'Mustang', 'Puma', 'Ranger', 'Transit'],
  Honda: ['Civic', 'CR-V', 'HR-V', 'Jazz'],
  Hyundai: ['i10', 'i20', 'i30', 'Ioniq 5', 'Kona', 'Tucson'],
  Jeep: ['Avenger', 'Compass', 'Renegade', 'Wrangler'],
  Kia: ['Ceed', 'EV6', 'Niro', 'Picanto', 'Sportage'],
  'Land Rover': ['Defender', 'Discovery', 'Range Rover Evoque'],
  Lexus: ['NX', 'RX', 'UX'],
  Mazda: ['2', '3', 'CX-30', 'CX-5', 'MX-5'],
  'Mercedes-Benz': ['A-Class', 'C-Class', 'E-Class', 'GLA', 'GLC', 'Sprinter'],
  Mini: ['Cooper', 'Countryman'],
  Nissan: ['Juke', 'Leaf', 'Micra', 'Qashqai', 'X-Trail'],
  Opel: ['Astra', 'Corsa', 'Mokka', 'Vivaro'],
  Peugeot: ['208', '308', '2008', '3008', '5008'],
  Porsche: ['911', 'Cayenne', 'Macan', 'Taycan'],
  Renault: ['Captur', 'Clio', 'Mégane', 'Twingo', 'Zoe'],
  SEAT: ['Arona', 'Ibiza', 'Leon'],
  Škoda: ['Fabia', 'Kamiq', 'Karoq', 'Kodiaq', 'Octavia', 'Superb'],
  Suzuki: ['Swift', 'Vitara'],
  Tesla: ['Model 3', 'Model S', 'Model X', 'Model Y'],
  Toyota: ['Aygo X', 'C-HR', 'Corolla', 'RAV4', 'Yaris', 'Hilux'],
  Volkswagen: ['Golf', 'ID.3', 'ID.4', 'Passat', 'Polo', 'T-Roc', 'Tiguan', 'Transporter'],
  Volvo: ['EX30', 'V60', 'XC40', 'XC60', 'XC90'],
};

export const carMakes: readonly string[] = Object.keys(modelsByMake);

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();

/** The models to suggest for what is in the make field (any letter case, accents optional). */
export function modelsOf(make: string): readonly string[] {
  const wanted = fold(make);
  const found = carMakes.find((m) => fold(m) === wanted);
  return found ? (modelsByMake[found] ?? []) : [];
}
